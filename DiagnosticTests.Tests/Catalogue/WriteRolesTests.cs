using System.Net;

namespace DiagnosticTests.Tests.Catalogue;

/// <summary>
/// Who may write the catalogue: a Reader may not (403, and nothing changes), an Editor and an Admin may.
/// Every write runs against the same small catalogue: "Complete blood count" tagged "fever", and the tag "cough".
/// </summary>
public sealed class WriteRolesTests : CatalogueTestBase
{
    /// <summary>One write to the catalogue; {test}, {fever} and {cough} stand for the ids of the seeded rows.</summary>
    public sealed record Write(string Method, string Url, string? Body, HttpStatusCode EditorStatus)
    {
        public override string ToString() => $"{Method} {Url}";
    }

    private static readonly Write[] Writes =
    [
        new("POST", "/odata/DiagnosticTests", """{"Name": "Ferritin", "Category": "Laboratory"}""", HttpStatusCode.Created),
        new("PATCH", "/odata/DiagnosticTests({test})", """{"Name": "Full blood count"}""", HttpStatusCode.NoContent),
        new("PUT", "/odata/DiagnosticTests({test})", """{"Name": "Full blood count", "Category": "Laboratory"}""", HttpStatusCode.NoContent),
        new("DELETE", "/odata/DiagnosticTests({test})", null, HttpStatusCode.NoContent),
        new("POST", "/odata/Tags", """{"Name": "fatigue", "Category": "Symptom"}""", HttpStatusCode.Created),
        new("PATCH", "/odata/Tags({fever})", """{"Name": "pyrexia"}""", HttpStatusCode.NoContent),
        new("PUT", "/odata/Tags({fever})", """{"Name": "pyrexia", "Category": "Symptom"}""", HttpStatusCode.NoContent),
        new("DELETE", "/odata/Tags({fever})", null, HttpStatusCode.NoContent),
        new("POST", "/odata/DiagnosticTests({test})/Tags/$ref", """{"@odata.id": "http://localhost/odata/Tags({cough})"}""", HttpStatusCode.NoContent),
        new("DELETE", "/odata/DiagnosticTests({test})/Tags({fever})/$ref", null, HttpStatusCode.NoContent),
    ];

    [TestCaseSource(nameof(Writes))]
    public async Task A_reader_is_forbidden_to_write_and_nothing_changes(Write write)
    {
        var ids = await SeedCatalogue();
        var before = await CatalogueSnapshot();
        using var reader = await SignedInAs("Reader");

        using var response = await Send(reader, write, ids);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await CatalogueSnapshot(), Is.EqualTo(before));
        }
    }

    [TestCaseSource(nameof(Writes))]
    public async Task An_editor_is_allowed_to_write(Write write)
    {
        var ids = await SeedCatalogue();
        var before = await CatalogueSnapshot();
        using var editor = await SignedInAs("Editor");

        using var response = await Send(editor, write, ids);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(write.EditorStatus), await response.Content.ReadAsStringAsync());
            Assert.That(await CatalogueSnapshot(), Is.Not.EqualTo(before));
        }
    }

    [Test]
    public async Task An_admin_is_allowed_to_create_a_test_with_tags()
    {
        using var admin = await SignedInAs("Admin");

        using var response = await PostJson(admin, "/odata/DiagnosticTests", new
        {
            Name = "Ferritin",
            Category = "Laboratory",
            Tags = new[] { new { Name = "fatigue" } },
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var id = (await ReadJson(response)).GetProperty("Id").GetInt32();
        Assert.That(await TagNamesOf(admin, id), Is.EqualTo(new[] { "fatigue" }));
    }

    private static async Task<(int Test, int Fever, int Cough)> SeedCatalogue()
    {
        var test = await SeedTest("Complete blood count");
        var fever = await SeedTag("fever");
        var cough = await SeedTag("cough");
        await Link(test, fever);
        return (test, fever, cough);
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, Write write, (int Test, int Fever, int Cough) ids)
    {
        string Fill(string text) => text
            .Replace("{test}", $"{ids.Test}", StringComparison.Ordinal)
            .Replace("{fever}", $"{ids.Fever}", StringComparison.Ordinal)
            .Replace("{cough}", $"{ids.Cough}", StringComparison.Ordinal);

        var request = new HttpRequestMessage(new HttpMethod(write.Method), Fill(write.Url));
        if (write.Body is not null)
        {
            request.Content = new StringContent(Fill(write.Body), System.Text.Encoding.UTF8, "application/json");
        }

        return client.SendAsync(request);
    }

    /// <summary>Every row of the catalogue as one string: equal snapshots mean nothing was written.</summary>
    private static async Task<string> CatalogueSnapshot() =>
        await Scalar<string>(
            """
            SELECT concat_ws(' | ',
                (SELECT string_agg(concat_ws(',', "Id", "Name", "Category", "Description", "UpdatedAt"), ';' ORDER BY "Id") FROM "DiagnosticTests"),
                (SELECT string_agg(concat_ws(',', "Id", "Name", "Category", "Description"), ';' ORDER BY "Id") FROM "Tags"),
                (SELECT string_agg(concat_ws(',', "DiagnosticTestId", "TagId"), ';' ORDER BY "DiagnosticTestId", "TagId") FROM "DiagnosticTestTags"))
            """) ?? "";
}
