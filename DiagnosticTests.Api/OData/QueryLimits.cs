namespace DiagnosticTests.Api.OData;

/// <summary>Bounds on what one OData request may ask for; AspNetCoreOData sets none by default.</summary>
public sealed class QueryLimits
{
    public const string Section = "Query";

    public int PageSize { get; set; } = 100;

    public int MaxTop { get; set; } = 1000;

    public int MaxExpansionDepth { get; set; } = 2;

    public int MaxNodeCount { get; set; } = 200;

    public int MaxAnyAllExpressionDepth { get; set; } = 2;

    public int MaxBatchParts { get; set; } = 20;
}
