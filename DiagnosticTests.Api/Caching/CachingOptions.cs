namespace DiagnosticTests.Api.Caching;

public sealed class CachingOptions
{
    public const string Section = "Caching";

    /// <summary>Cache catalogue responses and sign-in lookups in memory, invalidated by any write.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Cache catalogue responses; off keeps only the sign-in cache (the load benchmark measures queries so).</summary>
    public bool Responses { get; set; } = true;

    public int SizeLimitMegabytes { get; set; } = 64;

    /// <summary>Larger responses are served but not kept.</summary>
    public int MaxEntryKilobytes { get; set; } = 1024;
}
