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

    [Test]
    public async Task Names_joined_with_or_find_the_same_tests_as_a_list()
    {
        using var reader = await SignedInAs("Reader");

        var page = await GetJson(reader, "/odata/DiagnosticTests?$filter=Tags/any(t: t/Name eq 'fever' or t/Name eq 'COUGH')");

        Assert.That(Names(page), Is.EquivalentTo(new[] { "Complete blood count", "Chest X-ray", "Spirometry" }));
    }

    [Test]
    public async Task All_of_a_known_tag_and_an_unknown_tag_finds_nothing()
    {
        using var reader = await SignedInAs("Reader");

        var page = await GetJson(reader, "/odata/DiagnosticTests?$filter=Tags/any(t: t/Name eq 'fever') and Tags/any(t: t/Name eq 'rash')");

        Assert.That(Names(page), Is.Empty);
    }

    [Test]
    public async Task Any_of_a_known_tag_and_an_unknown_tag_finds_the_tests_of_the_known_one()
    {
        using var reader = await SignedInAs("Reader");

        var page = await GetJson(reader, "/odata/DiagnosticTests?$filter=Tags/any(t: t/Name in ('rash','dysuria'))");

        Assert.That(Names(page), Is.EqualTo(new[] { "Urinalysis" }));
    }

    [Test]
    public async Task Not_having_a_tag_finds_every_other_test()
    {
        using var reader = await SignedInAs("Reader");

        var page = await GetJson(reader, "/odata/DiagnosticTests?$filter=not Tags/any(t: t/Name eq 'fever')");

        Assert.That(Names(page), Is.EquivalentTo(new[] { "Urinalysis", "Lipid panel", "Spirometry" }));
    }

    [Test]
    public async Task A_tag_condition_on_another_property_or_combined_with_and_still_filters()
    {
        using var reader = await SignedInAs("Reader");

        var byCategory = await GetJson(reader, "/odata/DiagnosticTests?$filter=Tags/any(t: t/Category eq 'History')");
        var byNameAndCategory = await GetJson(reader, "/odata/DiagnosticTests?$filter=Tags/any(t: t/Name eq 'cough' and t/Category eq 'Symptom')");
        var byPrefix = await GetJson(reader, "/odata/DiagnosticTests?$filter=Tags/any(t: startswith(t/Name, 'fat'))");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Names(byCategory), Is.EqualTo(new[] { "Lipid panel" }));
            Assert.That(Names(byNameAndCategory), Is.EquivalentTo(new[] { "Chest X-ray", "Spirometry" }));
            Assert.That(Names(byPrefix), Is.EqualTo(new[] { "Complete blood count" }));
        }
    }

    [Test]
    public async Task A_tag_search_counts_every_match_inline_and_as_count()
    {
        using var reader = await SignedInAs("Reader");

        var page = await GetJson(reader, "/odata/DiagnosticTests?$filter=Tags/any(t: t/Name in ('fever','cough'))&$count=true&$top=1");
        using var count = await reader.GetAsync("/odata/DiagnosticTests/$count?$filter=Tags/any(t: t/Name eq 'fever') and Tags/any(t: t/Name eq 'cough')");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(page.GetProperty("@odata.count").GetInt64(), Is.EqualTo(3));
            Assert.That(Names(page), Has.Count.EqualTo(1));
            Assert.That(await count.Content.ReadAsStringAsync(), Is.EqualTo("1"));
        }
    }

    [TestCase("Tags/any(t: t/Name in ('fever','cough','shortness of breath'))", 3)]
    [TestCase("Tags/any(t: t/Name in ('FEVER','no such tag'))", 2)]
    [TestCase("Tags/any(t: t/Name eq 'fever' or t/Name eq 'dysuria')", 3)]
    [TestCase("Tags/any(t: t/Name eq 'no such tag')", 0)]
    [TestCase("Tags/any(t: t/Name eq 'cough') and Code ne '19876-2'", 1)]
    public async Task A_tag_search_counts_each_matching_test_once(string filter, int matches)
    {
        using var reader = await SignedInAs("Reader");

        var page = await GetJson(reader, $"/odata/DiagnosticTests?$filter={filter}&$count=true");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(page.GetProperty("@odata.count").GetInt64(), Is.EqualTo(matches));
            Assert.That(Names(page), Has.Count.EqualTo(matches));
        }
    }

    [Test]
    public async Task A_tag_search_with_a_text_search_counts_only_what_both_match()
    {
        using var reader = await SignedInAs("Reader");

        var page = await GetJson(reader, "/odata/DiagnosticTests?$filter=Tags/any(t: t/Name in ('fever','cough'))&$search=chest&$count=true");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(page.GetProperty("@odata.count").GetInt64(), Is.EqualTo(1));
            Assert.That(Names(page), Is.EqualTo(new[] { "Chest X-ray" }));
        }
    }

    [Test]
    public async Task A_tag_search_inside_an_expansion_filters_the_expanded_tests()
    {
        using var reader = await SignedInAs("Reader");

        var page = await GetJson(reader, "/odata/Tags?$filter=Name eq 'cough'&$expand=DiagnosticTests($filter=Tags/any(t: t/Name eq 'fever'))");

        var expanded = page.GetProperty("value")[0].GetProperty("DiagnosticTests");
        Assert.That(expanded.EnumerateArray().Select(t => t.GetProperty("Name").GetString()), Is.EqualTo(new[] { "Chest X-ray" }));
    }
}
