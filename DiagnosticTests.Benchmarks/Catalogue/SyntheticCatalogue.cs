namespace DiagnosticTests.Benchmarks.Catalogue;

public sealed record SyntheticTag(int Id, string Name, string Category, string Description);

public sealed record SyntheticTest(
    int Id,
    string Name,
    string Code,
    string Category,
    string Description,
    string? Specimen,
    string? Preparation,
    int? TurnaroundHours,
    int? ValidityDays,
    decimal Price,
    string ApplicableSex,
    int? MinAgeYears,
    int? MaxAgeYears,
    DateTime CreatedAt,
    int[] TagIds);

/// <summary>
/// A deterministic catalogue: the same seed, test count and tag count give the same rows on every machine.
/// Tag popularity follows a Zipf-like law (weight ∝ 1/rank^0.7), so a few tags are on a quarter of the tests
/// and the tail is on a handful; tag <c>tag-0001</c> (Id 1) is the most common.
/// </summary>
public sealed class SyntheticCatalogue
{
    public const double PopularityExponent = 0.7;

    private static readonly string[] TestCategories = ["Laboratory", "Laboratory", "Laboratory", "Imaging", "Cardiology", "Respiratory", "Neurology", "Endocrinology"];
    private static readonly string[] TagCategories = ["Symptom", "History", "RiskFactor", "Demographic", "Other"];
    private static readonly string?[] Specimens = ["Blood (serum)", "Blood (whole, EDTA)", "Urine (midstream)", "Saliva", "Stool", "Nasopharyngeal swab", "None (imaging)", null];
    private static readonly string?[] Preparations = ["Fast for 8 hours; water is allowed.", "No preparation needed.", "Avoid strenuous exercise for 24 hours.", "Bring a list of current medication.", null, null];
    private static readonly string[] Words =
    [
        "assesses", "screening", "marker", "level", "function", "chronic", "acute", "inflammation", "infection", "deficiency",
        "panel", "serum", "plasma", "ratio", "antibody", "antigen", "enzyme", "hormone", "metabolic", "renal", "hepatic",
        "cardiac", "thyroid", "glucose", "lipid", "iron", "vitamin", "culture", "imaging", "resolution", "monitoring",
        "follow-up", "baseline", "risk", "adult", "paediatric", "clinical", "suspected", "confirmed", "differential",
    ];

    private SyntheticCatalogue(IReadOnlyList<SyntheticTag> tags, IReadOnlyList<SyntheticTest> tests)
    {
        Tags = tags;
        Tests = tests;
        TagFrequency = new int[tags.Count + 1];
        foreach (var test in tests)
        {
            foreach (var tagId in test.TagIds)
            {
                TagFrequency[tagId]++;
            }
        }
    }

    public IReadOnlyList<SyntheticTag> Tags { get; }

    public IReadOnlyList<SyntheticTest> Tests { get; }

    /// <summary>Tests per tag, indexed by tag id (index 0 unused).</summary>
    public int[] TagFrequency { get; }

    public int LinkCount => Tests.Sum(t => t.TagIds.Length);

    public static string TagName(int rank) => $"tag-{rank:D4}";

    public static SyntheticCatalogue Generate(int testCount, int tagCount, int seed)
    {
        var random = new Random(seed);
        var tags = Enumerable.Range(1, tagCount)
            .Select(rank => new SyntheticTag(rank, TagName(rank), TagCategories[random.Next(TagCategories.Length)], Sentence(random, 6, 14)))
            .ToList();

        // Cumulative weights for sampling a tag by popularity; id = rank.
        var cumulative = new double[tagCount];
        var total = 0.0;
        for (var rank = 1; rank <= tagCount; rank++)
        {
            total += 1.0 / Math.Pow(rank, PopularityExponent);
            cumulative[rank - 1] = total;
        }

        var created = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var tests = new List<SyntheticTest>(testCount);
        for (var id = 1; id <= testCount; id++)
        {
            var tagIds = SampleTags(random, cumulative, total, random.Next(4, 7));
            var sex = random.Next(100) switch { < 70 => "Any", < 85 => "Female", _ => "Male" };
            int? minAge = random.Next(2) == 0 ? null : random.Next(0, 41);
            int? maxAge = random.Next(2) == 0 ? null : Math.Min(150, (minAge ?? 0) + random.Next(20, 101));
            tests.Add(new SyntheticTest(
                id,
                // Letters, digits and spaces only: citext order and the service's OrdinalIgnoreCase agree.
                $"Synthetic test {id:D6} {Words[random.Next(Words.Length)]} {Words[random.Next(Words.Length)]}",
                $"{random.Next(10_000, 99_999)}-{random.Next(10)}",
                TestCategories[random.Next(TestCategories.Length)],
                Sentence(random, 12, 30),
                Specimens[random.Next(Specimens.Length)],
                Preparations[random.Next(Preparations.Length)],
                random.Next(10) == 0 ? null : random.Next(1, 169),
                random.Next(10) == 0 ? null : random.Next(1, 366),
                Math.Round((decimal)(5 + (random.NextDouble() * 895)), 2),
                sex,
                minAge,
                maxAge,
                created.AddMinutes(id),
                tagIds));
        }

        return new SyntheticCatalogue(tags, tests);
    }

    private static int[] SampleTags(Random random, double[] cumulative, double total, int count)
    {
        var chosen = new HashSet<int>();
        while (chosen.Count < count)
        {
            var index = Array.BinarySearch(cumulative, random.NextDouble() * total);
            chosen.Add((index < 0 ? ~index : index) + 1);
        }

        return [.. chosen.Order()];
    }

    private static string Sentence(Random random, int minWords, int maxWords)
    {
        var words = Enumerable.Range(0, random.Next(minWords, maxWords + 1)).Select(_ => Words[random.Next(Words.Length)]);
        var text = string.Join(' ', words);
        return char.ToUpperInvariant(text[0]) + text[1..] + ".";
    }
}
