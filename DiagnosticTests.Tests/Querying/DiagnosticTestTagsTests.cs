using System.Net;

namespace DiagnosticTests.Tests.Querying;

/// <summary>The test–tag links as a flat, read-only entity set for BI tools (API.md, Entity sets: DiagnosticTestTags).</summary>
public sealed class DiagnosticTestTagsTests : CatalogueTestBase
{
    [SetUp]
    public Task Seed() => SeedCatalogue();

    [Test]
    public async Task A_Reader_gets_exactly_the_links_of_the_catalogue()
    {
        using var reader = await SignedInAs("Reader");

        var page = await GetJson(reader, "/odata/DiagnosticTestTags");

        var testNames = await NamesById("DiagnosticTests");
        var tagNames = await NamesById("Tags");
        var links = page.GetProperty("value").EnumerateArray()
            .Select(l => $"{testNames[l.GetProperty("DiagnosticTestId").GetInt32()]} / {tagNames[l.GetProperty("TagId").GetInt32()]}");
        Assert.That(links, Is.EquivalentTo(new[]
        {
            "Complete blood count / fever", "Complete blood count / fatigue",
            "Chest X-ray / cough", "Chest X-ray / fever", "Chest X-ray / shortness of breath",
            "Urinalysis / dysuria",
            "Lipid panel / family history of heart disease",
            "Spirometry / cough", "Spirometry / shortness of breath",
        }));
    }

    [Test]
    public async Task Posting_a_link_is_not_allowed_and_adds_nothing()
    {
        var (testId, tagId) = await Link("Urinalysis", "fever", exists: false);
        using var editor = await SignedInAs("Editor");

        using var response = await PostJson(editor, "/odata/DiagnosticTestTags", new { DiagnosticTestId = testId, TagId = tagId });

        await AssertMethodNotAllowedAndLinksUnchanged(response);
    }

    [Test]
    public async Task Patching_a_link_is_not_allowed_and_changes_nothing()
    {
        var (testId, tagId) = await Link("Urinalysis", "dysuria", exists: true);
        var (_, otherTagId) = await Link("Urinalysis", "fever", exists: false);
        using var editor = await SignedInAs("Editor");

        using var response = await PatchJson(editor, $"/odata/DiagnosticTestTags(DiagnosticTestId={testId},TagId={tagId})", new { TagId = otherTagId });

        await AssertMethodNotAllowedAndLinksUnchanged(response);
    }

    [Test]
    public async Task Deleting_a_link_is_not_allowed_and_removes_nothing()
    {
        var (testId, tagId) = await Link("Urinalysis", "dysuria", exists: true);
        using var editor = await SignedInAs("Editor");

        using var response = await editor.DeleteAsync($"/odata/DiagnosticTestTags(DiagnosticTestId={testId},TagId={tagId})");

        await AssertMethodNotAllowedAndLinksUnchanged(response);
    }

    [Test]
    public async Task Anonymous_callers_cannot_read_the_links()
    {
        using var anonymous = Anonymous();

        using var response = await anonymous.GetAsync("/odata/DiagnosticTestTags");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    private static async Task AssertMethodNotAllowedAndLinksUnchanged(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed), body);
            Assert.That(await Scalar<long>("""SELECT count(*) FROM "DiagnosticTestTags" """), Is.EqualTo(9));
            Assert.That(await Scalar<long>("""
                SELECT count(*) FROM "DiagnosticTestTags" l
                JOIN "DiagnosticTests" d ON d."Id" = l."DiagnosticTestId" JOIN "Tags" t ON t."Id" = l."TagId"
                WHERE d."Name" = 'Urinalysis' AND t."Name" = 'dysuria'
                """), Is.EqualTo(1));
        }
    }

    /// <summary>The ids of a test and a tag, checking whether the seed links them.</summary>
    private static async Task<(int TestId, int TagId)> Link(string test, string tag, bool exists)
    {
        var testId = await Scalar<int>("""SELECT "Id" FROM "DiagnosticTests" WHERE "Name" = @name""", ("name", test));
        var tagId = await Scalar<int>("""SELECT "Id" FROM "Tags" WHERE "Name" = @name""", ("name", tag));
        var linked = await Scalar<long>("""SELECT count(*) FROM "DiagnosticTestTags" WHERE "DiagnosticTestId" = @test AND "TagId" = @tag""",
            ("test", testId), ("tag", tagId));
        Assert.That(linked, Is.EqualTo(exists ? 1 : 0), $"seed link {test} / {tag}");
        return (testId, tagId);
    }

    private static async Task<Dictionary<int, string>> NamesById(string table)
    {
        var pairs = await Scalar<string>($"""SELECT string_agg("Id" || '=' || "Name", '|') FROM "{table}" """);
        return pairs!.Split('|').Select(p => p.Split('=', 2)).ToDictionary(p => int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), p => p[1]);
    }
}
