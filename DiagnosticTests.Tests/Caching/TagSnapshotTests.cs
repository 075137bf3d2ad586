using DiagnosticTests.Api.Catalogue;

namespace DiagnosticTests.Tests.Caching;

/// <summary>
/// A snapshot answers only for printable ASCII names, which lower-case alike in every locale; the database compares
/// the others, so a capital or an accent never makes a search miss a tag it would have found. By id it answers for
/// every tag it has, and each response gets entities of its own.
/// </summary>
public sealed class TagSnapshotTests
{
    private static readonly TagSnapshot Snapshot = new(version: 7, new Dictionary<string, KnownTag>
    {
        ["fever"] = new(1, "Fever", "Symptom", "A raised temperature."),
        ["shortness of breath"] = new(2, "shortness of breath", "Symptom", null),
        ["family-history: diabetes (type 2)"] = new(3, "family-history: diabetes (type 2)", "History", null),
        ["fièvre"] = new(4, "Fièvre", "Symptom", null),
    });

    [TestCase("fever", 1)]
    [TestCase("shortness of breath", 2)]
    [TestCase("family-history: diabetes (type 2)", 3)]
    public void A_lower_case_ASCII_name_is_answered_with_its_id(string name, int id) =>
        Assert.That(Snapshot.Find(name)?.Id, Is.EqualTo(id));

    [Test]
    public void A_tag_found_keeps_its_name_as_stored() =>
        Assert.That(Snapshot.Find("fever"), Is.EqualTo(new KnownTag(1, "Fever", "Symptom", "A raised temperature.")));

    [Test]
    public void A_tag_is_found_by_id_whatever_its_name()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Snapshot.WithId(4)?.Name, Is.EqualTo("Fièvre"));
            Assert.That(Snapshot.WithId(5), Is.Null, "a tag created after the snapshot");
        }
    }

    [Test]
    public void Each_entity_made_from_a_tag_is_a_new_one_with_its_values()
    {
        var known = Snapshot.WithId(1)!;
        var (first, second) = (known.ToTag(), known.ToTag());
        first.Name = "changed by one response";

        using (Assert.EnterMultipleScope())
        {
            Assert.That((second.Id, second.Name, second.Category, second.Description), Is.EqualTo((1, "Fever", "Symptom", "A raised temperature.")));
            Assert.That(known.Name, Is.EqualTo("Fever"));
        }
    }

    [TestCase("Fever", Description = "a capital: the keys are lower case, and the database's locale decides what it lowers to")]
    [TestCase("FEVER")]
    [TestCase("fièvre", Description = "an accent: likewise")]
    [TestCase("fever\u0130", Description = "a Turkish dotted capital I")]
    [TestCase("cough", Description = "not a tag of the snapshot")]
    [TestCase("", Description = "empty")]
    public void Any_other_name_is_left_to_the_database(string name) =>
        Assert.That(Snapshot.Find(name)?.Id, Is.Null);
}
