namespace DiagnosticTests.Api.Caching;

public sealed class CachingOptions
{
    public const string Section = "Caching";

    /// <summary>Cache catalogue responses and sign-in lookups in memory, invalidated by any write.</summary>
    public bool Enabled { get; set; } = true;

    public int SizeLimitMegabytes { get; set; } = 64;

    /// <summary>Larger responses are served but not kept.</summary>
    public int MaxEntryKilobytes { get; set; } = 1024;
}
