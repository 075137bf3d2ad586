using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DiagnosticTests.Api.Docs;

/// <summary>
/// Describes each group of operations and fixes their order, in Swagger UI and in the document: the service
/// and the catalogue first, accounts and probes last. Otherwise they follow controller discovery order, undescribed.
/// </summary>
public sealed class TagDescriptionsFilter : IDocumentFilter
{
    private static readonly (string Name, string Description)[] Tags =
    [
        (ODataOperationNamesFilter.ServiceTag, "The OData service root: the service document and $metadata (both anonymous), and $batch."),
        ("DiagnosticTests", "The test catalogue, searchable by tag. Recommend ranks tests for a patient's tags: decision support, not a diagnosis."),
        ("Tags", "Symptoms, history items, risk factors and demographics that make tests relevant."),
        ("DiagnosticTestTags", "The test–tag links as a flat, read-only set, for BI tools that model many-to-many without $expand."),
        ("Me", "The signed-in user's own account."),
        ("Users", "Accounts and their roles. Admin only."),
        ("Authentication", "Register, and exchange email and password for a bearer token (JWT). Anonymous."),
        ("Personal access tokens", "Read-only tokens for Excel and Power BI, sent as the Basic password (any user name) or as the api-key query parameter. Each user manages their own."),
        (HealthEndpointsFilter.Tag, "Liveness and readiness probes. Anonymous."),
    ];

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var used = swaggerDoc.Paths.Values.SelectMany(TagsOf).ToHashSet(StringComparer.Ordinal);
        var tags = Tags.Where(t => used.Contains(t.Name)).Select(t => new OpenApiTag { Name = t.Name, Description = t.Description })
            .Concat(used.Except(Tags.Select(t => t.Name)).Order(StringComparer.Ordinal).Select(name => new OpenApiTag { Name = name }))
            .ToList();
        swaggerDoc.Tags = new HashSet<OpenApiTag>(tags);

        // Paths in tag order (stable within a tag), so the JSON reads in the same order as the UI.
        var rank = tags.Select((tag, index) => (tag.Name!, index)).ToDictionary(StringComparer.Ordinal);
        var sorted = swaggerDoc.Paths.OrderBy(p => TagsOf(p.Value).Select(tag => rank.GetValueOrDefault(tag, int.MaxValue)).DefaultIfEmpty(int.MaxValue).First()).ToList();
        swaggerDoc.Paths.Clear();
        foreach (var (path, item) in sorted)
        {
            swaggerDoc.Paths.Add(path, item);
        }
    }

    private static IEnumerable<string> TagsOf(IOpenApiPathItem item) =>
        ((IEnumerable<OpenApiOperation>?)item.Operations?.Values ?? [])
            .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Reference.Id)
            .OfType<string>();
}
