namespace DiagnosticTests.Api.Data.Changes;

/// <summary>The groups of tables whose changes invalidate cached answers.</summary>
public enum DataArea
{
    /// <summary>DiagnosticTests, Tags and their links.</summary>
    Catalogue,

    /// <summary>Users and personal access tokens.</summary>
    Accounts,

    /// <summary>The Tags table alone: each tag's id, name, category and description.</summary>
    Tags,
}

/// <summary>
/// A counter per area that moves whenever a committed write may have changed it, in this process or
/// (through PostgreSQL notifications) in another replica. Caches key their entries by it.
/// </summary>
public sealed class DataVersions
{
    private readonly long[] _versions = new long[Enum.GetValues<DataArea>().Length];
    private volatile bool _tracking;

    /// <summary>
    /// True while every change is known to reach this process. Until then (or after losing the
    /// notification connection) caches must not answer, only the database.
    /// </summary>
    public bool IsTracking => _tracking;

    public long Current(DataArea area) => Interlocked.Read(ref _versions[(int)area]);

    public void Bump(DataArea area) => Interlocked.Increment(ref _versions[(int)area]);

    public void BumpAll()
    {
        foreach (var area in Enum.GetValues<DataArea>())
        {
            Bump(area);
        }
    }

    public void SetTracking(bool tracking) => _tracking = tracking;

    /// <summary>The areas a write to <paramref name="table"/> may change; none for a table no cache depends on.</summary>
    public static IReadOnlyList<DataArea> AreasOf(string table) => table switch
    {
        "Tags" => [DataArea.Catalogue, DataArea.Tags],
        "DiagnosticTests" or "DiagnosticTestTags" => [DataArea.Catalogue],
        "Users" or "PersonalAccessTokens" => [DataArea.Accounts],
        _ => [],
    };
}
