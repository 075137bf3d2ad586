using DiagnosticTests.Domain;

namespace DiagnosticTests.Tests.Domain;

public sealed class ApplicabilityTests
{
    [TestCase("Any", "Female", true)]
    [TestCase("Any", "Male", true)]
    [TestCase("Female", "Female", true)]
    [TestCase("Female", "Male", false)]
    [TestCase("Male", "Female", false)]
    [TestCase("Female", null, true)]
    [TestCase("Female", "Any", true)]
    public void A_test_applies_to_a_patient_by_sex(string applicableSex, string? patientSex, bool expected) =>
        Assert.That(Applicability.Matches(applicableSex, null, null, patientSex, null), Is.EqualTo(expected));

    [TestCase(39, false)]
    [TestCase(40, true)]
    [TestCase(74, true)]
    [TestCase(75, false)]
    public void Age_bounds_are_inclusive(int age, bool expected) =>
        Assert.That(Applicability.Matches(Sex.Any, 40, 74, null, age), Is.EqualTo(expected));

    [TestCase(null, 65, 0, true)]
    [TestCase(50, null, 120, true)]
    [TestCase(50, null, 49, false)]
    [TestCase(null, null, 3, true)]
    public void A_missing_bound_does_not_limit_age(int? min, int? max, int age, bool expected) =>
        Assert.That(Applicability.Matches(Sex.Any, min, max, null, age), Is.EqualTo(expected));

    [Test]
    public void An_unknown_age_never_excludes_a_test() =>
        Assert.That(Applicability.Matches(Sex.Female, 40, 74, Sex.Female, null), Is.True);
}
