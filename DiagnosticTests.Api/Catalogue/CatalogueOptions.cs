namespace DiagnosticTests.Api.Catalogue;

public sealed class CatalogueOptions
{
    public const string Section = "Catalogue";

    /// <summary>The largest import body accepted over HTTP; the whole body is held in memory while it is validated.</summary>
    public long MaxImportBytes { get; set; } = 5 * 1024 * 1024;
}
