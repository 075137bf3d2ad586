using DiagnosticTests.Api.Catalogue;

namespace DiagnosticTests.Tests.Caching;

/// <summary>
/// A snapshot answers only for printable ASCII names, which lower-case alike in every locale; the database compares
/// the others, so a capital or an accent never makes a search miss a tag it would have found.
/// </summary>
public sealed class TagIdSnapshotTests
{
    private static readonly TagIdSnapshot Snapshot = new(version: 7, new Dictionary<string, KnownTag>
    {
        ["fever"] = new(1, "Fever"),
        ["shortness of breath"] = new(2, "shortness of breath"),
        ["family-history: diabetes (type 2)"] = new(3, "family-history: diabetes (type 2)"),
        ["fièvre"] = new(4, "Fièvre"),
    });

    [TestCase("fever", 1)]
    [TestCase("shortness of breath", 2)]
    [TestCase("family-history: diabetes (type 2)", 3)]
    public void A_lower_case_ASCII_name_is_answered_with_its_id(string name, int id) =>
        Assert.That(Snapshot.Find(name)?.Id, Is.EqualTo(id));

    [Test]
    public void A_tag_found_keeps_its_name_as_stored() =>
        Assert.That(Snapshot.Find("fever"), Is.EqualTo(new KnownTag(1, "Fever")));

    [TestCase("Fever", Description = "a capital: the keys are lower case, and the database's locale decides what it lowers to")]
    [TestCase("FEVER")]
    [TestCase("fièvre", Description = "an accent: likewise")]
    [TestCase("fever\u0130", Description = "a Turkish dotted capital I")]
    [TestCase("cough", Description = "not a tag of the snapshot")]
    [TestCase("", Description = "empty")]
    public void Any_other_name_is_left_to_the_database(string name) =>
        Assert.That(Snapshot.Find(name)?.Id, Is.Null);
}
