namespace DiagnosticTests.Api.Catalogue;

/// <summary>JSON carries the whole catalogue (tags with categories and descriptions); CSV carries tests only, for spreadsheets.</summary>
public enum CatalogueFormat
{
    Json,
    Csv,
}

public static class CatalogueFormats
{
    public const string JsonContentType = "application/json";
    public const string CsvContentType = "text/csv";

    /// <summary>The format a file's extension names (<c>.json</c> or <c>.csv</c>), or null.</summary>
    public static CatalogueFormat? FromPath(string path) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".JSON" => CatalogueFormat.Json,
        ".CSV" => CatalogueFormat.Csv,
        _ => null,
    };

    /// <summary>The format a query value (<c>json</c>, <c>csv</c>) names, or null.</summary>
    public static CatalogueFormat? FromName(string? name) => name?.ToUpperInvariant() switch
    {
        "JSON" => CatalogueFormat.Json,
        "CSV" => CatalogueFormat.Csv,
        _ => null,
    };

    public static string ContentType(this CatalogueFormat format) => format == CatalogueFormat.Csv ? CsvContentType : JsonContentType;

    public static string FileName(this CatalogueFormat format) => format == CatalogueFormat.Csv ? "catalogue.csv" : "catalogue.json";
}
