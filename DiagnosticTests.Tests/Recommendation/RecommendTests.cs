using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using DiagnosticTests.Tests.Infrastructure;

namespace DiagnosticTests.Tests.Recommendation;

/// <summary>
/// GET /odata/DiagnosticTests/Recommend(tags=…,sex=…,age=…): the URL in each test is the contract.
/// Most tests use a small respiratory catalogue; the sex and age tests seed the two tests they compare.
/// </summary>
public sealed class RecommendTests : ApiTestBase
{
    private const string FeverAndCoughForA54YearOldWoman =
        """/odata/DiagnosticTests/Recommend(tags=@t,sex=@s,age=@a)?@t=["fever","cough"]&@s='Female'&@a=54""";

    /// <summary>The ranking for fever + cough once the paediatric panel (0–17 years) is filtered out by age.</summary>
    private static readonly string[] RankedForAdults =
        ["Influenza PCR", "Chest X-ray", "Sputum culture", "Blood culture", "C-reactive protein"];

    /// <summary>The ranking for fever + cough when no age is given: the paediatric panel is back.</summary>
    private static readonly string[] RankedForAnyAge =
        ["Influenza PCR", "Paediatric respiratory panel", "Chest X-ray", "Sputum culture", "Blood culture", "C-reactive protein"];

    private sealed record Row(int DiagnosticTestId, string Name, string? Code, string Category, double Score, string[] MatchedTags);

    /// <summary>
    /// fever + cough: Influenza PCR and the paediatric panel carry both (2 tags each), Chest X-ray both of 3,
    /// Sputum culture one of 1, Blood culture and C-reactive protein one of 2; Skin biopsy none.
    /// </summary>
    private static async Task SeedRespiratoryCatalogue()
    {
        await SeedTest("Influenza PCR", "Respiratory", ["fever", "cough"], code: "92142-9");
        await SeedTest("Paediatric respiratory panel", "Respiratory", ["fever", "cough"], maxAge: 17);
        await SeedTest("Chest X-ray", "Imaging", ["fever", "cough", "chest pain"], code: "36643-5");
        await SeedTest("Sputum culture", "Laboratory", ["cough"], code: "624-7");
        await SeedTest("C-reactive protein", "Laboratory", ["fever", "rash"], code: "1988-5");
        await SeedTest("Blood culture", "Laboratory", ["fever", "rash"], code: "600-7");
        await SeedTest("Skin biopsy", "Laboratory", ["rash"]);
    }

    /// <summary>Inserts a test with its tags (creating missing tags) straight into the database.</summary>
    private static async Task SeedTest(
        string name, string category, string[] tags, string sex = "Any", int? minAge = null, int? maxAge = null, string? code = null)
    {
        foreach (var tag in tags)
        {
            await ExecuteSql("""INSERT INTO "Tags" ("Name", "Category") VALUES (@tag, 'Symptom') ON CONFLICT DO NOTHING""", ("tag", tag));
        }

        await ExecuteSql(
            """
            INSERT INTO "DiagnosticTests" ("Name", "Code", "Category", "ApplicableSex", "MinAgeYears", "MaxAgeYears", "CreatedAt", "UpdatedAt")
            VALUES (@name, @code, @category, @sex, @minAge, @maxAge, now(), now())
            """,
            ("name", name), ("code", code), ("category", category), ("sex", sex), ("minAge", minAge), ("maxAge", maxAge));
        var linked = await ExecuteSql(
            """
            INSERT INTO "DiagnosticTestTags" ("DiagnosticTestId", "TagId")
            SELECT t."Id", g."Id" FROM "DiagnosticTests" t CROSS JOIN "Tags" g
            WHERE t."Name" = @name AND g."Name"::text = ANY(@tags)
            """,
            ("name", name), ("tags", tags));
        Assert.That(linked, Is.EqualTo(tags.Length), $"Seeding the tags of {name}");
    }

    private static Task<int> TestId(string name) =>
        Scalar<int>("""SELECT "Id" FROM "DiagnosticTests" WHERE "Name" = @name""", ("name", name));

    private static async Task<JsonElement> GetOk(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"GET {url}: {body}");
        return await ReadJson(response);
    }

    private static async Task<List<Row>> Recommend(HttpClient client, string url)
    {
        var body = await GetOk(client, url);
        return [.. body.GetProperty("value").EnumerateArray().Select(r => new Row(
            r.GetProperty("DiagnosticTestId").GetInt32(),
            r.GetProperty("Name").GetString()!,
            r.GetProperty("Code").GetString(),
            r.GetProperty("Category").GetString()!,
            r.GetProperty("Score").GetDouble(),
            [.. r.GetProperty("MatchedTags").EnumerateArray().Select(t => t.GetString()!)]))];
    }

    private static async Task<List<string>> RecommendedNames(HttpClient client, string url) =>
        [.. (await Recommend(client, url)).Select(r => r.Name)];

    /// <summary>Asserts a 400 in the OData error format and returns its message.</summary>
    private static async Task<string> BadRequestMessage(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), $"GET {url}: {body}");
        return (await ReadJson(response)).GetProperty("error").GetProperty("message").GetString()!;
    }

    [Test]
    public async Task Recommend_ranks_by_score_then_fewer_tags_then_name_and_lists_the_matched_tags()
    {
        await SeedRespiratoryCatalogue();
        using var reader = await SignedInAs("Reader");

        var rows = await Recommend(reader, FeverAndCoughForA54YearOldWoman);

        var summary = rows.Select(r => (r.Name, r.Score, Matched: string.Join(",", r.MatchedTags.Order(StringComparer.Ordinal))));
        Assert.That(summary, Is.EqualTo(new[]
        {
            ("Influenza PCR", 1.0, "cough,fever"),
            ("Chest X-ray", 1.0, "cough,fever"),
            ("Sputum culture", 0.5, "cough"),
            ("Blood culture", 0.5, "fever"),
            ("C-reactive protein", 0.5, "fever"),
        }));
    }

    [Test]
    public async Task Tags_added_to_a_test_through_the_API_make_it_less_specific_in_the_ranking()
    {
        await SeedRespiratoryCatalogue();
        var influenza = await TestId("Influenza PCR");
        await ExecuteSql("""INSERT INTO "Tags" ("Name", "Category") VALUES ('headache', 'Symptom'), ('myalgia', 'Symptom')""");
        using var editor = await SignedInAs("Editor");

        foreach (var tag in new[] { "headache", "myalgia" })
        {
            var tagId = await Scalar<int>("""SELECT "Id" FROM "Tags" WHERE "Name" = @tag""", ("tag", tag));
            using var added = await PostJson(editor, $"/odata/DiagnosticTests({influenza})/Tags/$ref", new Dictionary<string, string>
            {
                ["@odata.id"] = $"http://localhost/odata/Tags({tagId})",
            });
            Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await added.Content.ReadAsStringAsync());
        }

        var names = await RecommendedNames(editor, FeverAndCoughForA54YearOldWoman);

        Assert.That(names.Take(2), Is.EqualTo(new[] { "Chest X-ray", "Influenza PCR" }), "4 tags now rank after Chest X-ray's 3");
    }

    [Test]
    public async Task A_tag_set_replaced_through_the_API_ranks_by_its_new_size()
    {
        await SeedRespiratoryCatalogue();
        var chestXray = await TestId("Chest X-ray");
        using var editor = await SignedInAs("Editor");

        using var replaced = await PatchJson(editor, $"/odata/DiagnosticTests({chestXray})", new { Tags = new[] { new { Name = "fever" }, new { Name = "cough" } } });
        Assert.That(replaced.StatusCode, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.NoContent), await replaced.Content.ReadAsStringAsync());

        var names = await RecommendedNames(editor, FeverAndCoughForA54YearOldWoman);

        Assert.That(names.Take(2), Is.EqualTo(new[] { "Chest X-ray", "Influenza PCR" }), "2 tags each: by name");
    }

    [Test]
    public async Task Deleting_a_tag_makes_the_tests_that_carried_it_more_specific()
    {
        await SeedRespiratoryCatalogue();
        var rash = await Scalar<int>("""SELECT "Id" FROM "Tags" WHERE "Name" = 'rash'""");
        using var editor = await SignedInAs("Editor");
        using (var deleted = await editor.DeleteAsync($"/odata/Tags({rash})"))
        {
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await deleted.Content.ReadAsStringAsync());
        }

        var rows = await Recommend(editor, FeverAndCoughForA54YearOldWoman);

        Assert.That(rows.Select(r => r.Name), Is.EqualTo(new[] { "Influenza PCR", "Chest X-ray", "Blood culture", "C-reactive protein", "Sputum culture" }),
            "Blood culture and C-reactive protein now carry 1 tag, as Sputum culture does, and rank with it by name");
    }

    [Test]
    public async Task A_recommendation_carries_the_id_code_and_category_of_its_test()
    {
        await SeedRespiratoryCatalogue();
        var influenzaId = await Scalar<int>("""SELECT "Id" FROM "DiagnosticTests" WHERE "Name" = 'Influenza PCR'""");
        using var reader = await SignedInAs("Reader");

        var first = (await Recommend(reader, FeverAndCoughForA54YearOldWoman))[0];

        Assert.That(first, Is.EqualTo(first with { DiagnosticTestId = influenzaId, Name = "Influenza PCR", Code = "92142-9", Category = "Respiratory" }));
    }

    [Test]
    public async Task The_namespace_qualified_function_name_gives_the_same_ranking()
    {
        await SeedRespiratoryCatalogue();
        using var reader = await SignedInAs("Reader");

        var names = await RecommendedNames(reader,
            """/odata/DiagnosticTests/DiagnosticTests.Recommend(tags=@t,sex=@s,age=@a)?@t=["fever","cough"]&@s='Female'&@a=54""");

        Assert.That(names, Is.EqualTo(RankedForAdults));
    }

    [Test]
    public async Task Sex_and_age_may_be_left_out_and_then_do_not_filter()
    {
        await SeedRespiratoryCatalogue();
        using var reader = await SignedInAs("Reader");

        var names = await RecommendedNames(reader, """/odata/DiagnosticTests/Recommend(tags=@t)?@t=["fever","cough"]""");

        Assert.That(names, Is.EqualTo(RankedForAnyAge));
    }

    [Test]
    public async Task Sex_and_age_may_be_passed_as_null_and_then_do_not_filter()
    {
        await SeedRespiratoryCatalogue();
        using var reader = await SignedInAs("Reader");

        var names = await RecommendedNames(reader, """/odata/DiagnosticTests/Recommend(tags=@t,sex=null,age=null)?@t=["fever","cough"]""");

        Assert.That(names, Is.EqualTo(RankedForAnyAge));
    }

    [Test]
    public async Task Sex_and_age_may_be_passed_as_null_parameter_aliases()
    {
        await SeedRespiratoryCatalogue();
        using var reader = await SignedInAs("Reader");

        var names = await RecommendedNames(reader,
            """/odata/DiagnosticTests/Recommend(tags=@t,sex=@s,age=@a)?@t=["fever","cough"]&@s=null&@a=null""");

        Assert.That(names, Is.EqualTo(RankedForAnyAge));
    }

    [Test]
    public async Task Following_next_links_pages_through_the_whole_ranking_in_order()
    {
        await SeedRespiratoryCatalogue();
        using var reader = await SignedInAs("Reader");
        var names = new List<string>();
        string? url = """/odata/DiagnosticTests/Recommend(tags=@t)?@t=["fever","cough"]""";
        var pages = 0;

        while (url is not null && pages++ < 10)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("Prefer", "odata.maxpagesize=2");
            using var response = await reader.SendAsync(request);
            var page = await ReadJson(response);
            names.AddRange(page.GetProperty("value").EnumerateArray().Select(r => r.GetProperty("Name").GetString()!));
            url = page.TryGetProperty("@odata.nextLink", out var next) ? next.GetString() : null;
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(names, Is.EqualTo(RankedForAnyAge));
            Assert.That(pages, Is.EqualTo(3));
        }
    }

    [TestCase("$filter=Score gt 0.5", "$filter")]
    [TestCase("$orderby=Name", "$orderby")]
    [TestCase("$top=1001", "1000")]
    [TestCase("$skip=-1", "$skip")]
    public async Task Query_options_other_than_top_skip_and_count_are_refused_by_name(string option, string named)
    {
        await SeedRespiratoryCatalogue();
        using var reader = await SignedInAs("Reader");

        using var response = await reader.GetAsync($"""/odata/DiagnosticTests/Recommend(tags=@t)?@t=["fever"]&{option}""");
        var body = await response.Content.ReadAsStringAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.BadRequest));
            Assert.That(body, Does.Contain(named));
        }
    }

    [Test]
    public async Task An_alias_without_a_value_counts_as_null()
    {
        await SeedRespiratoryCatalogue();
        using var reader = await SignedInAs("Reader");

        var names = await RecommendedNames(reader, """/odata/DiagnosticTests/Recommend(tags=@t,sex=@s,age=@a)?@t=["fever","cough"]""");

        Assert.That(names, Is.EqualTo(RankedForAnyAge));
    }

    [Test]
    public async Task Parameters_may_be_named_in_any_order()
    {
        await SeedRespiratoryCatalogue();
        using var reader = await SignedInAs("Reader");

        var names = await RecommendedNames(reader, """/odata/DiagnosticTests/Recommend(age=@a,tags=@t)?@t=["fever","cough"]&@a=54""");

        Assert.That(names, Is.EqualTo(RankedForAdults));
    }

    [Test]
    public async Task Tags_may_be_given_as_an_inline_literal()
    {
        await SeedRespiratoryCatalogue();
        using var reader = await SignedInAs("Reader");

        var names = await RecommendedNames(reader, """/odata/DiagnosticTests/Recommend(tags=["fever"])""");

        Assert.That(names, Is.EqualTo(new[] { "Blood culture", "C-reactive protein", "Influenza PCR", "Paediatric respiratory panel", "Chest X-ray" }));
    }

    [Test]
    public async Task Tag_names_are_matched_ignoring_case()
    {
        await SeedRespiratoryCatalogue();
        using var reader = await SignedInAs("Reader");

        var rows = await Recommend(reader,
            """/odata/DiagnosticTests/Recommend(tags=@t,sex=@s,age=@a)?@t=["FEVER","Cough"]&@s='Female'&@a=54""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rows.Select(r => r.Name), Is.EqualTo(RankedForAdults));
            Assert.That(rows[0].Score, Is.EqualTo(1.0));
            Assert.That(rows[0].MatchedTags, Is.EquivalentTo(new[] { "fever", "cough" }).IgnoreCase);
        }
    }

    [Test]
    public async Task A_tag_repeated_in_another_case_counts_once_in_the_score()
    {
        await SeedRespiratoryCatalogue();
        using var reader = await SignedInAs("Reader");

        var rows = await Recommend(reader, """/odata/DiagnosticTests/Recommend(tags=@t,age=@a)?@t=["fever","FEVER","cough"]&@a=54""");

        Assert.That(rows.Select(r => (r.Name, r.Score)), Is.EqualTo(new[]
        {
            ("Influenza PCR", 1.0),
            ("Chest X-ray", 1.0),
            ("Sputum culture", 0.5),
            ("Blood culture", 0.5),
            ("C-reactive protein", 0.5),
        }));
    }

    [Test]
    public async Task A_known_tag_that_no_applicable_test_carries_gives_an_empty_list()
    {
        await SeedTest("Prostate-specific antigen", "Laboratory", ["urinary frequency"], sex: "Male");
        using var reader = await SignedInAs("Reader");

        var names = await RecommendedNames(reader, """/odata/DiagnosticTests/Recommend(tags=@t,sex=@s)?@t=["urinary frequency"]&@s='Female'""");

        Assert.That(names, Is.Empty);
    }

    [Test]
    public async Task A_male_only_test_is_not_recommended_for_a_woman()
    {
        await SeedTest("Prostate-specific antigen", "Laboratory", ["urinary frequency"], sex: "Male", minAge: 40);
        await SeedTest("Urine culture", "Laboratory", ["urinary frequency"]);
        using var reader = await SignedInAs("Reader");

        var names = await RecommendedNames(reader, """/odata/DiagnosticTests/Recommend(tags=@t,sex=@s)?@t=["urinary frequency"]&@s='Female'""");

        Assert.That(names, Is.EqualTo(new[] { "Urine culture" }));
    }

    [Test]
    public async Task A_male_only_test_is_recommended_for_a_man()
    {
        await SeedTest("Prostate-specific antigen", "Laboratory", ["urinary frequency"], sex: "Male", minAge: 40);
        await SeedTest("Urine culture", "Laboratory", ["urinary frequency"]);
        using var reader = await SignedInAs("Reader");

        var names = await RecommendedNames(reader, """/odata/DiagnosticTests/Recommend(tags=@t,sex=@s)?@t=["urinary frequency"]&@s='Male'""");

        Assert.That(names, Is.EqualTo(new[] { "Prostate-specific antigen", "Urine culture" }));
    }

    [Test]
    public async Task A_male_only_test_is_recommended_when_sex_is_not_given()
    {
        await SeedTest("Prostate-specific antigen", "Laboratory", ["urinary frequency"], sex: "Male", minAge: 40);
        await SeedTest("Urine culture", "Laboratory", ["urinary frequency"]);
        using var reader = await SignedInAs("Reader");

        var names = await RecommendedNames(reader, """/odata/DiagnosticTests/Recommend(tags=@t)?@t=["urinary frequency"]""");

        Assert.That(names, Is.EqualTo(new[] { "Prostate-specific antigen", "Urine culture" }));
    }

    [TestCase(49, new[] { "Colonoscopy" })]
    [TestCase(50, new[] { "Bowel cancer screening (FIT)", "Colonoscopy" })]
    [TestCase(74, new[] { "Bowel cancer screening (FIT)", "Colonoscopy" })]
    [TestCase(75, new[] { "Colonoscopy" })]
    public async Task Age_bounds_are_inclusive(int age, string[] expected)
    {
        await SeedTest("Bowel cancer screening (FIT)", "Laboratory", ["blood in stool"], minAge: 50, maxAge: 74);
        await SeedTest("Colonoscopy", "Imaging", ["blood in stool"]);
        using var reader = await SignedInAs("Reader");

        var names = await RecommendedNames(reader, $"""/odata/DiagnosticTests/Recommend(tags=@t,age=@a)?@t=["blood in stool"]&@a={age}""");

        Assert.That(names, Is.EqualTo(expected));
    }

    [Test]
    public async Task Top_takes_the_first_recommendations_in_rank_order()
    {
        await SeedRespiratoryCatalogue();
        using var reader = await SignedInAs("Reader");

        var names = await RecommendedNames(reader, FeverAndCoughForA54YearOldWoman + "&$top=2");

        Assert.That(names, Is.EqualTo(new[] { "Influenza PCR", "Chest X-ray" }));
    }

    [Test]
    public async Task Skip_leaves_out_the_first_recommendations_in_rank_order()
    {
        await SeedRespiratoryCatalogue();
        using var reader = await SignedInAs("Reader");

        var names = await RecommendedNames(reader, FeverAndCoughForA54YearOldWoman + "&$skip=3");

        Assert.That(names, Is.EqualTo(new[] { "Blood culture", "C-reactive protein" }));
    }

    [Test]
    public async Task Count_reports_every_recommendation_not_just_the_page()
    {
        await SeedRespiratoryCatalogue();
        using var reader = await SignedInAs("Reader");

        var body = await GetOk(reader, FeverAndCoughForA54YearOldWoman + "&$count=true&$top=2&$skip=1");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.GetProperty("@odata.count").GetInt32(), Is.EqualTo(RankedForAdults.Length));
            Assert.That(
                body.GetProperty("value").EnumerateArray().Select(r => r.GetProperty("Name").GetString()),
                Is.EqualTo(new[] { "Chest X-ray", "Sputum culture" }));
        }
    }

    [Test]
    public async Task Unknown_tags_are_refused_with_a_message_naming_each_of_them()
    {
        await SeedRespiratoryCatalogue();
        using var reader = await SignedInAs("Reader");

        var message = await BadRequestMessage(reader,
            """/odata/DiagnosticTests/Recommend(tags=@t)?@t=["fever","purple spots","itchy elbows"]""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(message, Does.Contain("purple spots"));
            Assert.That(message, Does.Contain("itchy elbows"));
            Assert.That(message, Does.Not.Contain("'fever'"));
        }
    }

    [Test]
    public async Task An_empty_tag_list_is_refused()
    {
        await SeedRespiratoryCatalogue();
        using var reader = await SignedInAs("Reader");

        var message = await BadRequestMessage(reader, "/odata/DiagnosticTests/Recommend(tags=@t)?@t=[]");

        Assert.That(message, Does.Contain("tags"));
    }

    [Test]
    public async Task A_sex_other_than_Any_Female_or_Male_is_refused()
    {
        await SeedRespiratoryCatalogue();
        using var reader = await SignedInAs("Reader");

        var message = await BadRequestMessage(reader, """/odata/DiagnosticTests/Recommend(tags=@t,sex=@s)?@t=["fever"]&@s='Robot'""");

        Assert.That(message, Does.Contain("sex").And.Contain("Robot"));
    }

    [Test]
    public async Task A_negative_age_is_refused()
    {
        await SeedRespiratoryCatalogue();
        using var reader = await SignedInAs("Reader");

        var message = await BadRequestMessage(reader, """/odata/DiagnosticTests/Recommend(tags=@t,age=@a)?@t=["fever"]&@a=-1""");

        Assert.That(message, Does.Contain("age").And.Contain("-1"));
    }

    [Test]
    public async Task A_reader_may_call_Recommend()
    {
        await SeedRespiratoryCatalogue();
        using var reader = await SignedInAs("Reader");

        using var response = await reader.GetAsync(FeverAndCoughForA54YearOldWoman);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task An_anonymous_caller_gets_401()
    {
        await SeedRespiratoryCatalogue();
        using var anonymous = Anonymous();

        using var response = await anonymous.GetAsync(FeverAndCoughForA54YearOldWoman);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task The_metadata_declares_Recommend_with_optional_sex_and_age_returning_Recommendations()
    {
        using var anonymous = Anonymous();
        using var response = await anonymous.GetAsync("/odata/$metadata");
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());

        var function = xml.Descendants().Single(e => e.Name.LocalName == "Function" && (string?)e.Attribute("Name") == "Recommend");
        bool IsOptional(string parameter) => function.Elements()
            .Single(e => e.Name.LocalName == "Parameter" && (string?)e.Attribute("Name") == parameter)
            .Elements().Any(a => a.Name.LocalName == "Annotation" && (string?)a.Attribute("Term") == "Org.OData.Core.V1.OptionalParameter");
        var returnType = (string?)function.Elements().Single(e => e.Name.LocalName == "ReturnType").Attribute("Type");
        var complexTypes = xml.Descendants().Where(e => e.Name.LocalName == "ComplexType").Select(e => (string?)e.Attribute("Name"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(IsOptional("sex"), Is.True, "sex is Core.OptionalParameter");
            Assert.That(IsOptional("age"), Is.True, "age is Core.OptionalParameter");
            Assert.That(IsOptional("tags"), Is.False, "tags is required");
            Assert.That(returnType, Is.EqualTo("Collection(DiagnosticTests.Recommendation)"));
            Assert.That(complexTypes, Does.Contain("Recommendation"));
        }
    }
}
