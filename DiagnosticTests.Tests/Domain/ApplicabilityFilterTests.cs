using System.Globalization;
using DiagnosticTests.Domain;

namespace DiagnosticTests.Tests.Domain;

/// <summary>
/// The database filter (<see cref="Applicability.Filter(string?, int?)"/>) restates <see cref="Applicability.Matches"/> as an
/// expression; the two must never drift apart. And the request checks that run before either.
/// </summary>
public sealed class ApplicabilityFilterTests
{
    private static readonly string[] ApplicableSexes = [Sex.Any, Sex.Female, Sex.Male];
    private static readonly int?[] Bounds = [null, 40, 74];
    private static readonly string?[] PatientSexes = [null, Sex.Any, Sex.Female, Sex.Male];
    private static readonly int?[] PatientAges = [null, 0, 39, 40, 74, 75, 120];

    private static string Show(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "null";

    [Test]
    public void The_query_filter_agrees_with_the_applicability_rule_for_every_sex_and_age_combination()
    {
        var grid = (
            from patientSex in PatientSexes
            from patientAge in PatientAges
            from applicableSex in ApplicableSexes
            from min in Bounds
            from max in Bounds
            select (applicableSex, min, max, patientSex, patientAge)).ToList();

        var mismatches = grid
            .Select(c => (Case: c,
                Expected: Applicability.Matches(c.applicableSex, c.min, c.max, c.patientSex, c.patientAge),
                Actual: Applicability.Filter(c.patientSex, c.patientAge).Compile()(
                    new DiagnosticTest { Name = "Probe", Category = "Laboratory", ApplicableSex = c.applicableSex, MinAgeYears = c.min, MaxAgeYears = c.max })))
            .Where(r => r.Actual != r.Expected)
            .Select(r => $"test {r.Case.applicableSex} {Show(r.Case.min)}..{Show(r.Case.max)}, patient {r.Case.patientSex ?? "null"} aged {Show(r.Case.patientAge)}: "
                + $"Matches={r.Expected}, Filter={r.Actual}")
            .ToList();

        Assert.That(mismatches, Is.Empty, $"{mismatches.Count} of {grid.Count} cases disagree:{Environment.NewLine}{string.Join(Environment.NewLine, mismatches)}");
    }

    [Test]
    public void A_request_with_no_tags_is_refused()
    {
        var (_, errors) = RecommendationRequest.Create([], null, null);

        Assert.That(errors, Has.Some.Contains("tags"));
    }

    [Test]
    public void A_request_with_a_missing_tag_list_is_refused()
    {
        var (_, errors) = RecommendationRequest.Create(null, null, null);

        Assert.That(errors, Has.Some.Contains("tags"));
    }

    [Test]
    public void A_request_whose_tags_are_all_blank_is_refused()
    {
        var (_, errors) = RecommendationRequest.Create(["", "   ", null], null, null);

        Assert.That(errors, Has.Some.Contains("tags"));
    }

    [Test]
    public void A_sex_other_than_Any_Female_or_Male_is_refused_naming_sex()
    {
        var (_, errors) = RecommendationRequest.Create(["fever"], "Robot", null);

        Assert.That(errors, Has.Exactly(1).Contains("sex").And.Contains("Robot"));
    }

    [Test]
    public void A_negative_age_is_refused_naming_age()
    {
        var (_, errors) = RecommendationRequest.Create(["fever"], null, -1);

        Assert.That(errors, Has.Exactly(1).Contains("age"));
    }

    [TestCase(null, null)]
    [TestCase("Any", 0)]
    [TestCase("Female", 54)]
    [TestCase("Male", 120)]
    public void A_request_with_tags_and_a_valid_sex_and_age_is_accepted(string? sex, int? age)
    {
        var (_, errors) = RecommendationRequest.Create(["fever"], sex, age);

        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void Requested_tags_are_normalised_and_de_duplicated_ignoring_case()
    {
        var (request, errors) = RecommendationRequest.Create(["  fever ", "FEVER", "chest   pain", "Chest Pain", "", "cough"], Sex.Female, 54);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(errors, Is.Empty);
            Assert.That(request.Tags, Is.EqualTo(new[] { "fever", "chest pain", "cough" }));
            Assert.That(request.Sex, Is.EqualTo(Sex.Female));
            Assert.That(request.AgeYears, Is.EqualTo(54));
        }
    }
}
