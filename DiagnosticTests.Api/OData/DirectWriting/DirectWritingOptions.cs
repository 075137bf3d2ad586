namespace DiagnosticTests.Api.OData.DirectWriting;

public sealed class DirectWritingOptions
{
    public const string Section = "Query";

    /// <summary>Write plain entity pages with <see cref="DirectPageResult"/> rather than OData's serializer; the bytes are the same.</summary>
    public bool DirectJson { get; set; } = true;

    /// <summary>Reuse what OData bound for a repeated catalogue read's URL (<see cref="BoundQueries.BoundQueryCache"/>).</summary>
    public bool ReuseBoundQueries { get; set; } = true;
}
