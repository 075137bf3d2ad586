using DiagnosticTests.Domain;

namespace DiagnosticTests.Tests.Domain;

public sealed class EntityRulesTests
{
    private static DiagnosticTest ValidTest() => new() { Name = "Lipid panel", Category = "Laboratory" };

    private static IEnumerable<string> FailingMembers(object entity) =>
        EntityValidator.Validate(entity).SelectMany(r => r.MemberNames);

    [Test]
    public void A_complete_test_is_valid() => Assert.That(EntityValidator.Validate(ValidTest()), Is.Empty);

    [Test]
    public void An_unknown_applicable_sex_is_refused()
    {
        var test = ValidTest();
        test.ApplicableSex = "Unknown";

        Assert.That(FailingMembers(test), Does.Contain(nameof(DiagnosticTest.ApplicableSex)));
    }

    [Test]
    public void A_minimum_age_above_the_maximum_is_refused()
    {
        var test = ValidTest();
        test.MinAgeYears = 70;
        test.MaxAgeYears = 40;

        Assert.That(FailingMembers(test), Does.Contain(nameof(DiagnosticTest.MinAgeYears)));
    }

    [Test]
    public void A_negative_price_is_refused()
    {
        var test = ValidTest();
        test.Price = -1m;

        Assert.That(FailingMembers(test), Does.Contain(nameof(DiagnosticTest.Price)));
    }

    [TestCase("12.345", false)]
    [TestCase("12.34", true)]
    [TestCase("9999999999.99", true)]
    [TestCase("10000000000", false)]
    public void A_price_fits_in_cents_up_to_ten_billion(string price, bool valid)
    {
        var test = ValidTest();
        test.Price = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture);

        Assert.That(FailingMembers(test).Contains(nameof(DiagnosticTest.Price)), Is.EqualTo(!valid));
    }

    [Test]
    public void A_name_over_150_characters_is_refused()
    {
        var test = ValidTest();
        test.Name = new string('x', 151);

        Assert.That(FailingMembers(test), Does.Contain(nameof(DiagnosticTest.Name)));
    }

    [TestCase("Symptom", true)]
    [TestCase("RiskFactor", true)]
    [TestCase("symptom", false)]
    [TestCase("Lifestyle", false)]
    public void Tag_categories_are_a_fixed_list(string category, bool valid) =>
        Assert.That(EntityValidator.Validate(new Tag { Name = "fever", Category = category }), valid ? Is.Empty : Is.Not.Empty);

    [TestCase("Admin", true)]
    [TestCase("Editor", true)]
    [TestCase("Reader", true)]
    [TestCase("Root", false)]
    public void Roles_are_a_fixed_list(string role, bool valid) =>
        Assert.That(EntityValidator.Validate(new User { Email = "a@example.com", Role = role }), valid ? Is.Empty : Is.Not.Empty);

    [Test]
    public void An_invalid_email_is_refused() =>
        Assert.That(FailingMembers(new User { Email = "not-an-email" }), Does.Contain(nameof(User.Email)));

    [TestCase("short", false)]
    [TestCase("12345678", true)]
    [TestCase("        ", false)]
    [TestCase("", false)]
    public void Passwords_need_eight_characters(string password, bool accepted) =>
        Assert.That(PasswordPolicy.Check(password), accepted ? Is.Null : Is.Not.Null);
}
