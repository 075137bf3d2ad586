using DiagnosticTests.Domain;

namespace DiagnosticTests.Tests.Domain;

public sealed class TagNameTests
{
    [TestCase("fever", "fever")]
    [TestCase("  fever  ", "fever")]
    [TestCase("shortness   of\tbreath", "shortness of breath")]
    [TestCase("Chest Pain", "Chest Pain")]
    public void Names_are_trimmed_and_inner_whitespace_collapsed(string input, string expected) =>
        Assert.That(TagName.Normalize(input), Is.EqualTo(expected));

    [Test]
    public void Names_compare_ignoring_case() =>
        Assert.That(TagName.Comparer.Equals("FEVER", "fever"), Is.True);
}
