using System.Net;

namespace DiagnosticTests.Tests.Catalogue;

/// <summary>Reading diagnostic tests and tags: the list, one entity by key, a missing key, and who may read at all.</summary>
public sealed class CatalogueReadsTests : CatalogueTestBase
{
    [TestCase("/odata/DiagnosticTests")]
    [TestCase("/odata/DiagnosticTests({test})")]
    [TestCase("/odata/Tags")]
    [TestCase("/odata/Tags({tag})")]
    public async Task An_anonymous_client_cannot_read_the_catalogue(string url)
    {
        var test = await SeedTest("Complete blood count");
        var tag = await SeedTag("fever");
        using var anonymous = Anonymous();

        using var response = await anonymous.GetAsync(url.Replace("{test}", $"{test}", StringComparison.Ordinal).Replace("{tag}", $"{tag}", StringComparison.Ordinal));

        var body = await response.Content.ReadAsStringAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(body, Does.Not.Contain("Complete blood count").And.Not.Contain("fever"));
        }
    }

    [Test]
    public async Task The_list_of_diagnostic_tests_holds_every_test_in_id_order()
    {
        await SeedTest("Complete blood count");
        await SeedTest("Chest X-ray", category: "Imaging");
        await SeedTest("Ferritin");
        using var reader = await SignedInAs("Reader");

        var tests = await GetJson(reader, "/odata/DiagnosticTests");

        Assert.That(Values(tests, "Name"), Is.EqualTo(new[] { "Complete blood count", "Chest X-ray", "Ferritin" }));
    }

    [Test]
    public async Task A_diagnostic_test_is_read_by_its_key()
    {
        await SeedTest("Complete blood count");
        await SeedTest("Chest X-ray", category: "Imaging");
        await SeedTest("Ferritin");
        await SeedTest("Lipid panel");
        var ecg = await SeedTest("Electrocardiogram", category: "Cardiology", code: "11524-6", turnaroundHours: 1);
        using var reader = await SignedInAs("Reader");

        var test = await GetJson(reader, $"/odata/DiagnosticTests({ecg})");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(test.GetProperty("Id").GetInt32(), Is.EqualTo(ecg));
            Assert.That(test.GetProperty("Name").GetString(), Is.EqualTo("Electrocardiogram"));
            Assert.That(test.GetProperty("Category").GetString(), Is.EqualTo("Cardiology"));
            Assert.That(test.GetProperty("Code").GetString(), Is.EqualTo("11524-6"));
            Assert.That(test.GetProperty("TurnaroundHours").GetInt32(), Is.EqualTo(1));
            Assert.That(test.GetProperty("CreatedAt").GetDateTimeOffset(), Is.EqualTo(SeededAt));
        }
    }

    [TestCase("/odata/DiagnosticTests(999)")]
    [TestCase("/odata/Tags(999)")]
    public async Task A_missing_key_answers_404_with_an_OData_error(string url)
    {
        await SeedTest("Complete blood count");
        await SeedTag("fever");
        using var reader = await SignedInAs("Reader");

        using var response = await reader.GetAsync(url);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var error = await ErrorOf(response);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.GetProperty("code").GetString(), Is.Not.Empty);
            Assert.That(error.GetProperty("message").GetString(), Is.Not.Empty);
        }
    }

    [Test]
    public async Task The_list_of_tags_holds_every_tag_in_id_order()
    {
        await SeedTag("fever");
        await SeedTag("cough");
        await SeedTag("smoker", category: "RiskFactor");
        using var reader = await SignedInAs("Reader");

        var tags = await GetJson(reader, "/odata/Tags");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Values(tags, "Name"), Is.EqualTo(new[] { "fever", "cough", "smoker" }));
            Assert.That(Values(tags, "Category"), Is.EqualTo(new[] { "Symptom", "Symptom", "RiskFactor" }));
        }
    }

    [Test]
    public async Task A_tag_is_read_by_its_key()
    {
        await SeedTag("fever");
        var smoker = await SeedTag("smoker", category: "RiskFactor", description: "Smokes or smoked tobacco");
        using var reader = await SignedInAs("Reader");

        var tag = await GetJson(reader, $"/odata/Tags({smoker})");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(tag.GetProperty("Id").GetInt32(), Is.EqualTo(smoker));
            Assert.That(tag.GetProperty("Name").GetString(), Is.EqualTo("smoker"));
            Assert.That(tag.GetProperty("Category").GetString(), Is.EqualTo("RiskFactor"));
            Assert.That(tag.GetProperty("Description").GetString(), Is.EqualTo("Smokes or smoked tobacco"));
        }
    }
}
