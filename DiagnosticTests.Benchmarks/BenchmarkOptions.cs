using System.Globalization;

namespace DiagnosticTests.Benchmarks;

public enum ServiceCacheMode
{
    /// <summary>Scenarios against the query path (Caching:Responses=false), then 1 and 1c again with the service's response cache on.</summary>
    Both,

    /// <summary>Only the query path: the response cache off (the sign-in cache stays on, as in production).</summary>
    Off,

    /// <summary>Only the production default: caches on (repeated URLs are then answered from memory).</summary>
    On,
}

public enum GeneratorChoice
{
    Auto,
    Builtin,
    Wrk,
}

/// <summary>The command line. Every option has a default so that a bare `dotnet run` measures something useful.</summary>
public sealed record BenchmarkOptions
{
    public const string Usage = """
        DiagnosticTests load benchmark: synthetic catalogue in PostgreSQL, the service in Release, a closed-loop load.

          dotnet run -c Release --project DiagnosticTests.Benchmarks -- [options]

          --tests N            tests in the synthetic catalogue (default 10000)
          --sizes N,M,...      run several catalogue sizes one after the other (e.g. 10000,100000); overrides --tests
          --tags T             tags in the catalogue (default 500)
          --clients C          concurrent closed-loop clients (default 16)
          --duration D         measured seconds per scenario (default 20)
          --prime P            seconds of load on every scenario before any is measured (default 10): the
                               service's code is tiered up by the JIT in the background, which took a fifth of its
                               CPU during scenario 1 with 2 s
          --warmup W           warm-up seconds per scenario, not measured (default 5)
          --rounds R           a scenario with a baseline and its baselines take turns in R rounds of D/R whole
                               seconds each, in reverse order every other round (default 4; 1 measures each at once),
                               so a slow stretch of a shared machine weighs on both sides of the ratio alike
          --generator G        auto | builtin | wrk (default auto: wrk when installed)
          --service-cache M    both | off | on (default both): the scenarios run with the service's response cache
                               off (Caching__Responses=false, so they measure the query path the baseline is
                               compared with), then scenarios 1 and 1c again with it on, as in production
          --seed S             random seed of the catalogue (default 20261123)
          --scenarios LIST     only these scenarios, e.g. 1,2,4 (default all; baselines follow their scenario)
          --database-url URL   PostgreSQL to use (its tables are emptied!); else TEST_DATABASE_URL's server with
                               database diagnostictests_bench; else a throwaway cluster from the installed binaries
          --explain            after the load, restart the service with auto_explain and EF command logging, call
                               scenarios 1, 2 and 4 once and write the plans to benchmark-results/explain-<N>.txt
          --output DIR         where results go (default benchmark-results under the repository root)
        """;

    public IReadOnlyList<int> Sizes { get; init; } = [10_000];

    public int Tags { get; init; } = 500;

    public int Clients { get; init; } = 16;

    public int DurationSeconds { get; init; } = 20;

    public int PrimeSeconds { get; init; } = 10;

    public int WarmupSeconds { get; init; } = 5;

    public int Rounds { get; init; } = 4;

    public GeneratorChoice Generator { get; init; } = GeneratorChoice.Auto;

    public ServiceCacheMode ServiceCache { get; init; } = ServiceCacheMode.Both;

    public int Seed { get; init; } = 20261123;

    public IReadOnlySet<string>? Scenarios { get; init; }

    public string? DatabaseUrl { get; init; }

    public bool Explain { get; init; }

    public string? OutputDirectory { get; init; }

    public bool ShowHelp { get; init; }

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--tests" => options with { Sizes = [Positive(name, Value())] },
                "--sizes" => options with { Sizes = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => Positive(name, v)).ToList() },
                "--tags" => options with { Tags = Positive(name, Value()) },
                "--clients" => options with { Clients = Positive(name, Value()) },
                "--duration" => options with { DurationSeconds = Positive(name, Value()) },
                "--prime" => options with { PrimeSeconds = NonNegative(name, Value()) },
                "--warmup" => options with { WarmupSeconds = NonNegative(name, Value()) },
                "--rounds" => options with { Rounds = Positive(name, Value()) },
                "--generator" => options with { Generator = Enum.Parse<GeneratorChoice>(Value(), ignoreCase: true) },
                "--service-cache" => options with { ServiceCache = Enum.Parse<ServiceCacheMode>(Value(), ignoreCase: true) },
                "--seed" => options with { Seed = NonNegative(name, Value()) },
                "--scenarios" => options with { Scenarios = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase) },
                "--database-url" => options with { DatabaseUrl = Value() },
                "--explain" => options with { Explain = true },
                "--output" => options with { OutputDirectory = Value() },
                "--help" or "-h" => options with { ShowHelp = true },
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }

        if (options.Rounds > options.DurationSeconds)
        {
            throw new ArgumentException("--rounds may not exceed --duration: every round measures at least a second.");
        }

        if (options.Tags < 10)
        {
            throw new ArgumentException("--tags must be at least 10: the scenarios need common, middling and rare tags.");
        }

        return options;
    }

    public bool Runs(string scenarioId) => Scenarios is null || Scenarios.Contains(scenarioId);

    private static int Positive(string name, string value) =>
        int.TryParse(value.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} must be a positive whole number; got '{value}'.");

    private static int NonNegative(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"{name} must be a whole number; got '{value}'.");
}
