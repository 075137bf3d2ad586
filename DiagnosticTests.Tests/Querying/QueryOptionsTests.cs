using System.Net;
using System.Text.Json;

namespace DiagnosticTests.Tests.Querying;

/// <summary>The system query options on DiagnosticTests and Tags (API.md, Querying).</summary>
public sealed class QueryOptionsTests : CatalogueTestBase
{
    [SetUp]
    public Task Seed() => SeedCatalogue();

    [Test]
    public async Task Select_returns_only_the_selected_properties()
    {
        using var reader = await SignedInAs("Reader");

        var page = await GetJson(reader, "/odata/DiagnosticTests?$select=Name,Code&$filter=Name eq 'Urinalysis'");

        var test = page.GetProperty("value").EnumerateArray().Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(PropertyNames(test), Is.EquivalentTo(new[] { "Name", "Code" }));
            Assert.That(test.GetProperty("Name").GetString(), Is.EqualTo("Urinalysis"));
            Assert.That(test.GetProperty("Code").GetString(), Is.EqualTo("24356-8"));
        }
    }

    [Test]
    public async Task Expand_Tags_on_a_test_includes_its_tags()
    {
        using var reader = await SignedInAs("Reader");

        var page = await GetJson(reader, "/odata/DiagnosticTests?$filter=Name eq 'Chest X-ray'&$expand=Tags");

        var test = page.GetProperty("value").EnumerateArray().Single();
        Assert.That(RelatedNames(test, "Tags"), Is.EquivalentTo(new[] { "cough", "fever", "shortness of breath" }));
    }

    [Test]
    public async Task Expand_DiagnosticTests_on_a_tag_includes_the_tests_that_carry_it()
    {
        using var reader = await SignedInAs("Reader");

        var page = await GetJson(reader, "/odata/Tags?$filter=Name eq 'cough'&$expand=DiagnosticTests");

        var tag = page.GetProperty("value").EnumerateArray().Single();
        Assert.That(RelatedNames(tag, "DiagnosticTests"), Is.EquivalentTo(new[] { "Chest X-ray", "Spirometry" }));
    }

    [Test]
    public async Task Select_inside_expand_returns_only_the_selected_properties_of_the_tags()
    {
        using var reader = await SignedInAs("Reader");

        var page = await GetJson(reader, "/odata/DiagnosticTests?$filter=Name eq 'Complete blood count'&$expand=Tags($select=Name)");

        var tags = page.GetProperty("value").EnumerateArray().Single().GetProperty("Tags").EnumerateArray().ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(tags.Select(t => t.GetProperty("Name").GetString()), Is.EquivalentTo(new[] { "fever", "fatigue" }));
            Assert.That(tags.Select(PropertyNames), Has.All.EquivalentTo(new[] { "Name" }));
        }
    }

    [Test]
    public async Task Orderby_Name_desc_sorts_by_name_descending()
    {
        using var reader = await SignedInAs("Reader");

        var page = await GetJson(reader, "/odata/DiagnosticTests?$orderby=Name desc");

        Assert.That(Names(page), Is.EqualTo(new[] { "Urinalysis", "Spirometry", "Lipid panel", "Complete blood count", "Chest X-ray" }));
    }

    [Test]
    public async Task Skip_and_top_return_the_requested_slice()
    {
        using var reader = await SignedInAs("Reader");

        var page = await GetJson(reader, "/odata/DiagnosticTests?$orderby=Name&$skip=1&$top=2");

        Assert.That(Names(page), Is.EqualTo(new[] { "Complete blood count", "Lipid panel" }));
    }

    [Test]
    public async Task Count_true_gives_the_number_of_all_matching_tests_not_of_the_page()
    {
        using var reader = await SignedInAs("Reader");

        var page = await GetJson(reader, "/odata/DiagnosticTests?$filter=Category eq 'Laboratory'&$top=1&$count=true");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(page.GetProperty("@odata.count").GetInt32(), Is.EqualTo(3));
            Assert.That(Names(page), Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task The_count_segment_answers_the_number_as_plain_text()
    {
        using var reader = await SignedInAs("Reader");

        using var response = await reader.GetAsync("/odata/DiagnosticTests/$count");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("5"));
        }
    }

    [Test]
    public async Task The_count_segment_counts_only_the_tests_that_match_the_filter()
    {
        using var reader = await SignedInAs("Reader");

        using var response = await reader.GetAsync("/odata/DiagnosticTests/$count?$filter=Tags/any(t: t/Name eq 'cough')");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("2"));
        }
    }

    [Test]
    public async Task Search_matches_the_name_ignoring_case()
    {
        using var reader = await SignedInAs("Reader");

        var page = await GetJson(reader, "/odata/DiagnosticTests?$search=lipid");

        Assert.That(Names(page), Is.EqualTo(new[] { "Lipid panel" }));
    }

    [Test]
    public async Task Search_matches_the_code()
    {
        using var reader = await SignedInAs("Reader");

        // A search word must start with a letter; a code goes in as a quoted phrase.
        var page = await GetJson(reader, "/odata/DiagnosticTests?$search=\"58410-2\"");

        Assert.That(Names(page), Is.EqualTo(new[] { "Complete blood count" }));
    }

    [Test]
    public async Task Search_matches_the_description_ignoring_case()
    {
        using var reader = await SignedInAs("Reader");

        var page = await GetJson(reader, "/odata/DiagnosticTests?$search=MICROSCOPY");

        Assert.That(Names(page), Is.EqualTo(new[] { "Urinalysis" }));
    }

    [Test]
    public async Task Search_on_Tags_matches_the_tag_name()
    {
        using var reader = await SignedInAs("Reader");

        var page = await GetJson(reader, "/odata/Tags?$search=Breath");

        Assert.That(Names(page), Is.EqualTo(new[] { "shortness of breath" }));
    }

    [Test]
    public async Task Without_orderby_tests_come_in_Id_order_not_in_storage_order()
    {
        // An update writes a new row version at the end of the table, so a scan without ORDER BY would
        // now return the first test last; only ordering by Id puts it first.
        await ExecuteSql("""UPDATE "DiagnosticTests" SET "Description" = 'Updated.' WHERE "Name" = 'Complete blood count'""");
        using var reader = await SignedInAs("Reader");

        var page = await GetJson(reader, "/odata/DiagnosticTests");

        Assert.That(Names(page), Is.EqualTo(new[] { "Complete blood count", "Chest X-ray", "Urinalysis", "Lipid panel", "Spirometry" }));
    }

    private static List<string> PropertyNames(JsonElement entity) =>
        [.. entity.EnumerateObject().Select(p => p.Name).Where(name => !name.Contains('@', StringComparison.Ordinal))];

    private static List<string?> RelatedNames(JsonElement entity, string navigation) =>
        [.. entity.GetProperty(navigation).EnumerateArray().Select(related => related.GetProperty("Name").GetString())];
}
