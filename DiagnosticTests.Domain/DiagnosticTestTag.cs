namespace DiagnosticTests.Domain;

/// <summary>One link between a test and a tag; exposed flat for BI tools that model many-to-many without $expand.</summary>
public class DiagnosticTestTag
{
    public int DiagnosticTestId { get; set; }

    public int TagId { get; set; }
}
