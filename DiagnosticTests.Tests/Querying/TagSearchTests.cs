namespace DiagnosticTests.Tests.Querying;

/// <summary>Finding tests by their tags: any of, all of, ignoring case (API.md, Querying: Tag search).</summary>
public sealed class TagSearchTests : CatalogueTestBase
{
    [SetUp]
    public Task Seed() => SeedCatalogue();

    [Test]
    public async Task Any_of_several_tags_finds_every_test_with_at_least_one_of_them()
    {
        using var reader = await SignedInAs("Reader");

        var page = await GetJson(reader, "/odata/DiagnosticTests?$filter=Tags/any(t: t/Name in ('fever','cough'))");

        Assert.That(Names(page), Is.EquivalentTo(new[] { "Complete blood count", "Chest X-ray", "Spirometry" }));
    }

    [Test]
    public async Task All_of_several_tags_finds_only_the_tests_that_have_each_of_them()
    {
        using var reader = await SignedInAs("Reader");

        var page = await GetJson(reader, "/odata/DiagnosticTests?$filter=Tags/any(t: t/Name eq 'fever') and Tags/any(t: t/Name eq 'cough')");

        Assert.That(Names(page), Is.EqualTo(new[] { "Chest X-ray" }));
    }

    [Test]
    public async Task A_tag_name_in_upper_case_finds_the_tests_of_the_lower_case_tag()
    {
        using var reader = await SignedInAs("Reader");

        var page = await GetJson(reader, "/odata/DiagnosticTests?$filter=Tags/any(t: t/Name eq 'FEVER')");

        Assert.That(Names(page), Is.EquivalentTo(new[] { "Complete blood count", "Chest X-ray" }));
    }

    [Test]
    public async Task Tag_names_in_mixed_case_in_a_list_find_the_same_tests_as_lower_case()
    {
        using var reader = await SignedInAs("Reader");

        var page = await GetJson(reader, "/odata/DiagnosticTests?$filter=Tags/any(t: t/Name in ('Fever','COUGH'))");

        Assert.That(Names(page), Is.EquivalentTo(new[] { "Complete blood count", "Chest X-ray", "Spirometry" }));
    }

    [Test]
    public async Task A_tag_that_no_test_has_finds_an_empty_value()
    {
        using var reader = await SignedInAs("Reader");

        var page = await GetJson(reader, "/odata/DiagnosticTests?$filter=Tags/any(t: t/Name in ('rash'))");

        Assert.That(Names(page), Is.Empty);
    }
}
