using DiagnosticTests.Domain;
// Inside DiagnosticTests.Tests.*, the bare name Recommendation is the test folder's namespace, not the domain type.
using Ranked = DiagnosticTests.Domain.Recommendation;

namespace DiagnosticTests.Tests.Domain;

public sealed class RecommendationRankingTests
{
    private static int s_nextId;

    /// <summary>A test as the database hands it to the ranking: its tag count and the tags that matched.</summary>
    private static RecommendationCandidate Candidate(string name, int tagCount, params string[] matchedTags) =>
        new(Interlocked.Increment(ref s_nextId), name, Code: null, Category: "Laboratory", tagCount, matchedTags);

    private static IReadOnlyList<Ranked> Rank(IEnumerable<RecommendationCandidate> candidates, params string[] requestedTags) =>
        RecommendationRanking.Rank(candidates, requestedTags);

    private static RankingRow Row(int id, string name, int tagCount) =>
        new() { Id = id, Name = name, Category = "Laboratory", MatchedCount = 1, TagCount = tagCount };

    private static IEnumerable<string> Names(IEnumerable<Ranked> recommendations) => recommendations.Select(r => r.Name);

    [Test]
    public void The_score_is_the_share_of_requested_tags_that_a_test_carries()
    {
        var ranked = Rank([Candidate("Chest X-ray", 5, "fever", "cough")], "fever", "cough", "chest pain", "wheezing");

        Assert.That(ranked.Single().Score, Is.EqualTo(0.5));
    }

    [Test]
    public void A_test_matching_every_requested_tag_scores_one()
    {
        var ranked = Rank([Candidate("Influenza PCR", 2, "fever", "cough")], "fever", "cough");

        Assert.That(ranked.Single().Score, Is.EqualTo(1.0));
    }

    [Test]
    public void A_higher_score_ranks_first()
    {
        var ranked = Rank(
            [Candidate("Sputum culture", 1, "cough"), Candidate("Influenza PCR", 4, "fever", "cough")],
            "fever", "cough");

        Assert.That(Names(ranked), Is.EqualTo(new[] { "Influenza PCR", "Sputum culture" }));
    }

    [Test]
    public void The_order_within_one_score_is_the_ranking_order_of_rows_with_that_score()
    {
        var rows = new[]
        {
            Row(1, "Procalcitonin", 3), Row(2, "Blood culture", 3), Row(3, "Chest X-ray", 6), Row(4, "blood count", 2), Row(5, "Urinalysis", 3),
        }.AsQueryable();

        Assert.That(
            RecommendationRanking.OrderWithinScore(rows).Select(r => r.Id),
            Is.EqualTo(RecommendationRanking.Order(rows).Select(r => r.Id)).And.EqualTo(new[] { 4, 2, 1, 5, 3 }));
    }

    [Test]
    public void On_equal_scores_the_test_with_fewer_tags_in_all_ranks_first()
    {
        var ranked = Rank(
            [Candidate("Chest X-ray", 6, "fever"), Candidate("Blood culture", 2, "fever"), Candidate("C-reactive protein", 4, "fever")],
            "fever");

        Assert.That(Names(ranked), Is.EqualTo(new[] { "Blood culture", "C-reactive protein", "Chest X-ray" }));
    }

    [Test]
    public void On_equal_scores_and_tag_counts_tests_are_ordered_by_name()
    {
        var ranked = Rank(
            [Candidate("Procalcitonin", 3, "fever"), Candidate("Blood culture", 3, "fever"), Candidate("C-reactive protein", 3, "fever")],
            "fever");

        Assert.That(Names(ranked), Is.EqualTo(new[] { "Blood culture", "C-reactive protein", "Procalcitonin" }));
    }

    [Test]
    public void Matched_tags_list_only_the_requested_tags()
    {
        var ranked = Rank([Candidate("Chest X-ray", 3, "fever", "chest pain", "cough")], "fever", "cough");

        Assert.That(ranked.Single().MatchedTags, Is.EquivalentTo(new[] { "fever", "cough" }));
    }

    [Test]
    public void Matched_tags_are_compared_ignoring_case_and_listed_once()
    {
        var ranked = Rank([Candidate("Influenza PCR", 2, "Fever", "FEVER", "cough")], "fever", "COUGH");

        var single = ranked.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(single.MatchedTags, Is.EquivalentTo(new[] { "fever", "cough" }).IgnoreCase);
            Assert.That(single.MatchedTags, Has.Count.EqualTo(2));
            Assert.That(single.Score, Is.EqualTo(1.0));
        }
    }

    [Test]
    public void A_candidate_without_any_requested_tag_is_dropped()
    {
        var ranked = Rank(
            [Candidate("Skin biopsy", 1, "rash"), Candidate("Influenza PCR", 2, "fever")],
            "fever", "cough");

        Assert.That(Names(ranked), Is.EqualTo(new[] { "Influenza PCR" }));
    }

    [Test]
    public void A_candidate_with_no_matched_tags_at_all_is_dropped()
    {
        var ranked = Rank([Candidate("Skin biopsy", 1)], "fever");

        Assert.That(ranked, Is.Empty);
    }

    [Test]
    public void Requested_tags_differing_only_in_case_count_once()
    {
        var ranked = Rank([Candidate("Blood culture", 2, "fever")], "fever", "FEVER", "Fever", "cough");

        Assert.That(ranked.Single().Score, Is.EqualTo(0.5));
    }

    [Test]
    public void The_recommendation_carries_the_test_id_name_code_and_category()
    {
        var candidate = new RecommendationCandidate(42, "Influenza PCR", "92142-9", "Respiratory", 2, ["fever"]);

        var recommendation = RecommendationRanking.Rank([candidate], ["fever"]).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(recommendation.DiagnosticTestId, Is.EqualTo(42));
            Assert.That(recommendation.Name, Is.EqualTo("Influenza PCR"));
            Assert.That(recommendation.Code, Is.EqualTo("92142-9"));
            Assert.That(recommendation.Category, Is.EqualTo("Respiratory"));
        }
    }

    [Test]
    public void An_empty_requested_tag_list_is_refused() =>
        Assert.That(
            () => RecommendationRanking.Rank([Candidate("Influenza PCR", 2, "fever")], []),
            Throws.InstanceOf<ArgumentException>());
}
