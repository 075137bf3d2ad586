using System.Text.Json.Nodes;

namespace DiagnosticTests.Api.Docs;

/// <summary>
/// The example values Swagger UI shows and pre-fills: query options per EDM type, request bodies per entity
/// set and method. Kept apart from the filters so the wording can change without touching the mechanics.
/// The collection examples are chosen to work together: "Try it out" sends every pre-filled option at once.
/// </summary>
public static class ODataExamples
{
    public const string TagSearchAny = "Tags/any(t: t/Name in ('fever','cough'))";

    public static readonly IReadOnlyDictionary<string, QueryExamples> Queries = new Dictionary<string, QueryExamples>(StringComparer.Ordinal)
    {
        ["DiagnosticTest"] = new(
            Filters:
            [
                new("anyTag", "Tests with any of the tags fever or cough", TagSearchAny),
                new("allTags", "Tests with both tags fever and cough", "Tags/any(t: t/Name eq 'fever') and Tags/any(t: t/Name eq 'cough')"),
                new("category", "Laboratory tests under 50", "Category eq 'Laboratory' and Price lt 50"),
                new("applicable", "Tests that apply to a 54-year-old woman", "ApplicableSex ne 'Male' and (MinAgeYears eq null or MinAgeYears le 54) and (MaxAgeYears eq null or MaxAgeYears ge 54)"),
            ],
            Select: "Id,Name,Code,Category,Price",
            Expand: "Tags($select=Name)",
            OrderBy: "Name",
            Search: "blood",
            FilterHint: $"Tag search, matching names ignoring case: any of `{TagSearchAny}`; "
                + "all of `Tags/any(t: t/Name eq 'fever') and Tags/any(t: t/Name eq 'cough')`."),
        ["Tag"] = new(
            Filters:
            [
                new("category", "Symptoms only", "Category eq 'Symptom'"),
                new("usedByImaging", "Tags used by an imaging test", "DiagnosticTests/any(d: d/Category eq 'Imaging')"),
            ],
            Select: "Id,Name,Category",
            Expand: "DiagnosticTests($select=Name)",
            OrderBy: "Name",
            Search: "pain"),
        ["User"] = new(
            Filters:
            [
                new("activeEditors", "Active editors", "Role eq 'Editor' and IsActive"),
                new("inactive", "Deactivated accounts", "not IsActive"),
            ],
            Select: "Id,Email,Name,Role,IsActive",
            Expand: null,
            OrderBy: "Email",
            Search: "admin"),
        ["DiagnosticTestTag"] = new(
            Filters: [new("oneTag", "The tests carrying tag 1", "TagId eq 1")],
            Select: "DiagnosticTestId,TagId",
            Expand: null,
            OrderBy: "DiagnosticTestId,TagId",
            Search: null),
    };

    public static readonly IReadOnlyDictionary<string, string> FunctionSummaries = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Recommend"] = "Recommend tests for a patient's tags (decision support, not a diagnosis)",
    };

    /// <summary>Per function: the alias each parameter is bound to in the documented URL, with an example value.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<AliasExample>> FunctionAliases =
        new Dictionary<string, IReadOnlyList<AliasExample>>(StringComparer.Ordinal)
        {
            ["Recommend"] =
            [
                new("tags", "@t", """["fever","cough"]""",
                    "The patient's tags as a JSON array of names (case-insensitive), at least one. Unknown names → 400 listing them."),
                new("sex", "@s", "'Female'",
                    "'Female', 'Male' or 'Any' as a quoted OData string, or null to not filter by sex."),
                new("age", "@a", "54",
                    "Age in whole years (0 or more), or null to not filter by age."),
            ],
        };

    public static readonly IReadOnlyDictionary<(string Source, string Method), BodyDocs> Bodies = new Dictionary<(string, string), BodyDocs>
    {
        [("DiagnosticTests", "POST")] = new(
            "The new test. Tags are matched by name (case-insensitive) and created when missing, in the same transaction; "
            + "an existing tag can also be linked with \"Tags@odata.bind\": [\"Tags(3)\"]. Id, CreatedAt and UpdatedAt are set by the server.",
            [
                new("deepInsert", "Create a test and its tags in one request", """
                    {"Name":"Mycoplasma pneumoniae PCR","Category":"Microbiology",
                     "Description":"Detects Mycoplasma pneumoniae, a cause of atypical pneumonia.","Specimen":"Throat swab",
                     "TurnaroundHours":24,"Price":45.0,"ApplicableSex":"Any",
                     "Tags":[{"Name":"fever"},{"Name":"cough","Category":"Symptom"}]}
                    """),
                new("bind", "Link existing tags by URL", """
                    {"Name":"Legionella urinary antigen","Category":"Microbiology","Tags@odata.bind":["Tags(1)","Tags(2)"]}
                    """),
            ]),
        [("DiagnosticTests", "PUT")] = new(
            "The whole test: properties left out go back to their defaults. Tags, when sent, replace the test's tag set (matched by name, created when missing).",
            [
                new("replace", "Replace a test and its tags", """
                    {"Name":"Mycoplasma pneumoniae PCR","Category":"Microbiology","Specimen":"Throat swab",
                     "TurnaroundHours":24,"Price":45.0,"ApplicableSex":"Any",
                     "Tags":[{"Name":"fever"},{"Name":"cough","Category":"Symptom"}]}
                    """),
            ]),
        [("DiagnosticTests", "PATCH")] = new(
            "Only the properties sent change. Tags, when sent, replace the whole tag set (matched by name, created when missing); [] clears it; left out, the tags stay.",
            [
                new("priceAndTags", "Change the price and replace the tags", """
                    {"Price":39.5,"Tags":[{"Name":"fever"},{"Name":"cough","Category":"Symptom"}]}
                    """),
                new("clearTags", "Remove every tag", """{"Tags":[]}"""),
            ]),
        [("Tags", "POST")] = new(
            "The new tag. The name is trimmed and must be unique, ignoring case.",
            [new("tag", "A symptom", """{"Name":"loss of appetite","Category":"Symptom","Description":"Eating noticeably less than usual."}""")]),
        [("Tags", "PUT")] = new(
            "The whole tag: properties left out go back to their defaults (Category Other).",
            [new("tag", "Replace a tag", """{"Name":"loss of appetite","Category":"Symptom","Description":"Eating noticeably less than usual."}""")]),
        [("Tags", "PATCH")] = new(
            "Only the properties sent change.",
            [new("description", "Change the description", """{"Description":"Eating noticeably less than usual for a week or more."}""")]),
        [("Users", "POST")] = new(
            "The new account, with its password (at least 8 characters). The password is stored hashed and never returned.",
            [new("editor", "An editor", """{"Email":"editor@example.com","Name":"Erin Editor","Role":"Editor","Password":"a-long-passphrase"}""")]),
        [("Users", "PATCH")] = new(
            "Only the properties sent change. A role change or deactivation applies from the user's next request.",
            [
                new("deactivate", "Demote and deactivate", """{"Role":"Reader","IsActive":false}"""),
                new("password", "Reset the password", """{"Password":"another-long-passphrase"}"""),
            ]),
        [("Me", "PATCH")] = new(
            "Only Name, Email and Password can be changed here; sending Role or IsActive answers 400.",
            [new("profile", "Change name and password", """{"Name":"Ada Lovelace","Password":"a-new-long-passphrase"}""")]),
    };

    public sealed record NamedExample(string Name, string Summary, string Value);

    public sealed record QueryExamples(
        IReadOnlyList<NamedExample> Filters, string Select, string? Expand, string OrderBy, string? Search, string? FilterHint = null);

    public sealed record AliasExample(string Parameter, string Alias, string Value, string Description);

    public sealed record BodyDocs(string Description, IReadOnlyList<NamedExample> Examples)
    {
        public IDictionary<string, Microsoft.OpenApi.IOpenApiExample> ToOpenApi() =>
            Examples.ToDictionary(
                e => e.Name,
                e => (Microsoft.OpenApi.IOpenApiExample)new Microsoft.OpenApi.OpenApiExample { Summary = e.Summary, Value = JsonNode.Parse(e.Value) });
    }
}
