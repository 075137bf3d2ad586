using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using DiagnosticTests.Benchmarks;
using DiagnosticTests.Benchmarks.Baseline;
using DiagnosticTests.Benchmarks.Catalogue;
using DiagnosticTests.Benchmarks.Database;
using DiagnosticTests.Benchmarks.Load;
using DiagnosticTests.Benchmarks.Reporting;
using DiagnosticTests.Benchmarks.Service;
using Npgsql;

// A benchmark, not a test: it prints and records what it measured and asserts no time.
// For each catalogue size: fill the database, start the service, check that service and baseline answer the
// same rows, run every scenario under the same closed-loop load, print the table, write the JSON.

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

if (options.ShowHelp)
{
    Console.WriteLine(BenchmarkOptions.Usage);
    return 0;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
var cancellationToken = cancellation.Token;

var root = RepositoryRoot();
var outputDirectory = Path.GetFullPath(options.OutputDirectory ?? Path.Combine(root, "benchmark-results"));
var wrk = WrkLoadGenerator.FindWrk();
var generator = options.Generator switch
{
    GeneratorChoice.Wrk => wrk ?? throw new InvalidOperationException("--generator wrk: wrk is not installed (Debian: apt-get install -y wrk)."),
    GeneratorChoice.Builtin => null,
    _ => wrk,
};
Console.WriteLine($"Load generator: {(generator is null ? "builtin (HttpClient)" : $"wrk ({generator})")}; {options.Clients} clients, {options.PrimeSeconds} s priming, {options.WarmupSeconds} s warm-up + {options.DurationSeconds} s per scenario ({options.Rounds} rounds where there is a baseline)");

await ServiceProcess.EnsureBuiltAsync(root, cancellationToken);
await using var database = await BenchmarkDatabase.OpenAsync(options.DatabaseUrl);
Console.WriteLine($"Database: {database.Description}");

// One signing key for the whole run, so a token stays valid when the service is restarted (--explain).
var signIn = BaselineSignIn.Generate();
var productionEnvironment = new Dictionary<string, string>(signIn.Environment);
// The service keeps whole catalogue answers in memory: a load of repeated URLs would measure that cache, not the
// queries the baseline is compared with. So the main pass runs without it, unless asked; the sign-in cache stays
// on, as in production.
var uncachedEnvironment = new Dictionary<string, string>(productionEnvironment) { ["Caching__Responses"] = "false" };
var serviceEnvironment = options.ServiceCache == ServiceCacheMode.On ? productionEnvironment : uncachedEnvironment;

foreach (var testCount in options.Sizes)
{
    Console.WriteLine();
    Console.WriteLine($"==== N = {testCount:N0} tests, T = {options.Tags:N0} tags (seed {options.Seed})");
    var catalogue = SyntheticCatalogue.Generate(testCount, options.Tags, options.Seed);
    var tags = ScenarioTags.Choose(catalogue);

    // The service migrates an empty database on start-up; the catalogue is loaded into its tables after.
    var serviceLog = Path.Combine(outputDirectory, $"service-{testCount}.log");
    await using var service = await ServiceProcess.StartAsync(root, database.ConnectionString, serviceLog, serviceEnvironment, cancellationToken);
    // The service's driver settings (PostgresConnectionStrings in the API): statements the baseline repeats are
    // prepared too, its pooled connections are not reset between uses either, and its pool is as small.
    await using var dataSource = NpgsqlDataSource.Create(
        new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            MaxAutoPrepare = 64,
            NoResetOnClose = true,
            MaxPoolSize = Math.Max(4, 2 * Environment.ProcessorCount),
        }.ConnectionString);
    var loadTime = await CatalogueLoader.LoadAsync(dataSource, catalogue, cancellationToken);
    Console.WriteLine($"Loaded {catalogue.Tests.Count:N0} tests, {catalogue.Tags.Count:N0} tags, {catalogue.LinkCount:N0} links by binary COPY in {loadTime.TotalSeconds:F1} s");
    Console.WriteLine($"  common pair {string.Join(" & ", tags.CommonPair)}: {tags.CommonPairMatches} tests; rare pair {string.Join(" & ", tags.RarePair)}: {tags.RarePairMatches}; "
        + $"any-of {string.Join("|", tags.AnyOf)}: {tags.AnyOfMatches}; Recommend {string.Join(",", tags.Recommend)}: {tags.RecommendCandidates} candidates before sex/age");

    var token = await BenchmarkUser.CreateEditorTokenAsync(service.BaseAddress, dataSource, cancellationToken);
    await using var baseline = await BaselineServer.StartAsync(dataSource, signIn, cancellationToken);

    var firstPass = Scenarios.ForService(service.BaseAddress, token, tags, testCount, etag: null);
    var etag = await ShapeCheck.ETagAsync(firstPass[0], cancellationToken);
    var serviceScenarios = Scenarios.ForService(service.BaseAddress, token, tags, testCount, etag);
    var baselineScenarios = Scenarios.ForBaseline(baseline.BaseAddress, tags, token);
    var checks = (await ShapeCheck.CompareAsync(serviceScenarios, baselineScenarios, cancellationToken)).ToList();
    checks.Add(etag is null ? "scenario 1 answers without an ETag: the cached scenario is n/a" : $"scenario 1 answers with ETag {etag}");
    checks.ForEach(c => Console.WriteLine($"  check: {c}"));

    // Reads first, each service scenario followed by its baseline; the write scenario last, as it adds rows.
    var order = serviceScenarios.Where(s => s.Method == "GET")
        .SelectMany(s => new[] { s }.Concat(baselineScenarios.Where(b => b.BaselineFor == s.Id)))
        .Concat(serviceScenarios.Where(s => s.Method != "GET"))
        .Where(s => options.Runs(s.BaselineFor ?? (s.Id == "1c" ? "1" : s.Id)) || options.Runs(s.Id))
        .ToList();

    // A pass over every read first: until the JIT has tiered up the code paths they all share (in the background,
    // on the same two cores), the first scenarios would pay for compilation that later ones get free. Not the
    // write: thousands of new rows (and the autovacuum they cause) would change what the reads measure.
    if (options.PrimeSeconds > 0)
    {
        Console.WriteLine($"  priming every read scenario for {options.PrimeSeconds} s (JIT tier-up) ...");
        foreach (var scenario in order.Where(s => s.Method == "GET" && (s.Id != "1c" || etag is not null)))
        {
            _ = generator is null
                ? await BuiltinLoadGenerator.RunAsync(scenario, options.Clients, TimeSpan.FromSeconds(options.PrimeSeconds), cancellationToken)
                : await WrkLoadGenerator.RunAsync(generator, scenario, options.Clients, TimeSpan.FromSeconds(options.PrimeSeconds), cancellationToken);
        }
    }

    var rows = new List<ScenarioRow>();
    Task<LoadResult> RunAsync(Scenario scenario, TimeSpan length) => generator is null
        ? BuiltinLoadGenerator.RunAsync(scenario, options.Clients, length, cancellationToken)
        : WrkLoadGenerator.RunAsync(generator, scenario, options.Clients, length, cancellationToken);

    // The scenarios of one comparison (a service scenario and its baselines, or one scenario alone), each answered by
    // its own process: warmed up, then measured in turns, round after round, so that a slow stretch of the shared
    // machine falls on all of them; every other round runs them in reverse order, so a steady drift does too.
    async Task<List<ScenarioRow>> MeasureAsync(IReadOnlyList<(Scenario Scenario, Process Answering)> group, string? id = null, string? title = null)
    {
        var rounds = group.Count > 1 ? options.Rounds : 1;
        // Whole seconds, as wrk takes them.
        var length = TimeSpan.FromSeconds(Math.Max(1, options.DurationSeconds / rounds));
        if (options.WarmupSeconds > 0)
        {
            foreach (var (scenario, _) in group)
            {
                await RunAsync(scenario, TimeSpan.FromSeconds(options.WarmupSeconds));
            }
        }

        var results = group.Select(_ => new List<LoadResult>()).ToList();
        var spent = group.Select(_ => new CpuSample(TimeSpan.Zero, TimeSpan.Zero)).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            var turns = Enumerable.Range(0, group.Count);
            foreach (var member in round % 2 == 0 ? turns : turns.Reverse())
            {
                var before = CpuMeter.Take(group[member].Answering, database.PostmasterPid);
                results[member].Add(await RunAsync(group[member].Scenario, length));
                spent[member] = CpuMeter.Add(spent[member], CpuMeter.Spent(before, CpuMeter.Take(group[member].Answering, database.PostmasterPid)));
            }
        }

        var measured = new List<ScenarioRow>();
        for (var member = 0; member < group.Count; member++)
        {
            var scenario = group[member].Scenario;
            var result = LoadResult.Combine(results[member]);
            var (appCpu, databaseCpu) = CpuMeter.PerRequest(spent[member], result.Requests);
            var rowId = member == 0 ? id ?? scenario.Id : scenario.Id;
            var rowTitle = member == 0 ? title ?? scenario.Title : scenario.Title;
            var inRounds = rounds > 1 ? $" ({rounds} rounds)" : "";
            Console.WriteLine($"  {rowId,-8} {rowTitle}{inRounds}: {result.RequestsPerSecond:F0} req/s, p50 {result.P50Ms:F1} ms, p99 {result.P99Ms:F1} ms, {result.Errors} errors, CPU/req app {appCpu:F2} ms db {databaseCpu:F2} ms");
            foreach (var sample in result.ErrorSamples)
            {
                Console.WriteLine($"      error sample: {sample}");
            }

            Scenario? BaselineOf(bool signedIn) => id is null ? baselineScenarios.FirstOrDefault(b => b.BaselineFor == scenario.Id && b.SignedIn == signedIn) : null;
            measured.Add(new ScenarioRow(rowId, rowTitle, scenario.Paths[0], result, BaselineId: BaselineOf(signedIn: false)?.Id)
            {
                SignedInBaselineId = BaselineOf(signedIn: true)?.Id,
                LoadAverage = LoadAverage(),
                AppCpuMsPerRequest = appCpu,
                DatabaseCpuMsPerRequest = databaseCpu,
            });
        }

        return measured;
    }

    // A service scenario is measured together with the baselines that follow it in the order.
    for (var next = 0; next < order.Count;)
    {
        var scenario = order[next];
        var group = order.Skip(next).TakeWhile((s, i) => i == 0 || s.BaselineFor == scenario.Id)
            .Select(s => (s, s.BaselineFor is null ? service.Process : Process.GetCurrentProcess()))
            .ToList();
        next += group.Count;
        if (scenario.Id == "1c" && etag is null)
        {
            rows.Add(new ScenarioRow(scenario.Id, scenario.Title, scenario.Paths[0], null, "no ETag from the service"));
            continue;
        }

        rows.AddRange(await MeasureAsync(group));
    }

    // The cached pass: scenario 1 and its conditional form again, with the service as production runs it.
    if (options.ServiceCache == ServiceCacheMode.Both && (options.Runs("1") || options.Runs("1c")))
    {
        await service.DisposeAsync();
        await using var cachedService = await ServiceProcess.StartAsync(
            root, database.ConnectionString, Path.Combine(outputDirectory, $"service-cached-{testCount}.log"), productionEnvironment, cancellationToken);
        var cachedFirst = Scenarios.ForService(cachedService.BaseAddress, token, tags, testCount, etag: null)[0];
        var cachedEtag = await ShapeCheck.ETagAsync(cachedFirst, cancellationToken);
        var cached = Scenarios.ForService(cachedService.BaseAddress, token, tags, testCount, cachedEtag).Where(s => s.Id is "1" or "1c").ToList();
        if (options.PrimeSeconds > 0)
        {
            foreach (var scenario in cached.Where(s => s.Id == "1" || cachedEtag is not null))
            {
                _ = generator is null
                    ? await BuiltinLoadGenerator.RunAsync(scenario, options.Clients, TimeSpan.FromSeconds(options.PrimeSeconds), cancellationToken)
                    : await WrkLoadGenerator.RunAsync(generator, scenario, options.Clients, TimeSpan.FromSeconds(options.PrimeSeconds), cancellationToken);
            }
        }

        foreach (var scenario in cached)
        {
            rows.AddRange(scenario.Id == "1c" && cachedEtag is null
                ? [new ScenarioRow("1c+cache", "1c with the service's cache on", scenario.Paths[0], null, "no ETag from the service")]
                : await MeasureAsync([(scenario, cachedService.Process)], $"{scenario.Id}+cache", scenario.Id == "1" ? "scenario 1 with the service's cache on" : "1c with the service's cache on"));
        }
    }

    // Service throughput over baseline throughput for the scenarios that have one, and over the signed-in baseline's.
    double? Ratio(ScenarioRow row, string? baselineId) =>
        baselineId is not null && row.Result is { } s && rows.FirstOrDefault(x => x.Id == baselineId)?.Result is { RequestsPerSecond: > 0 } x
            ? s.RequestsPerSecond / x.RequestsPerSecond
            : null;
    rows = rows.Select(r => r with { RatioToBaseline = Ratio(r, r.BaselineId), RatioToSignedInBaseline = Ratio(r, r.SignedInBaselineId) }).ToList();

    var report = new ResultsReport(
        testCount,
        options.Tags,
        catalogue.LinkCount,
        options.Clients,
        options.DurationSeconds,
        options.PrimeSeconds,
        options.WarmupSeconds,
        options.Rounds,
        generator is null ? "builtin" : "wrk",
        database.Description,
        await MachineAsync(dataSource, cancellationToken),
        new Dictionary<string, object>
        {
            ["seed"] = options.Seed,
            ["commonPair"] = tags.CommonPair,
            ["commonPairMatches"] = tags.CommonPairMatches,
            ["rarePair"] = tags.RarePair,
            ["rarePairMatches"] = tags.RarePairMatches,
            ["anyOf"] = tags.AnyOf,
            ["anyOfMatches"] = tags.AnyOfMatches,
            ["recommend"] = tags.Recommend,
            ["recommendCandidatesBeforeSexAge"] = tags.RecommendCandidates,
            ["mostCommonTagTests"] = catalogue.TagFrequency.Max(),
            ["rarestTagTests"] = catalogue.TagFrequency.Skip(1).Min(),
            ["loadSeconds"] = Math.Round(loadTime.TotalSeconds, 1),
            ["serviceCache"] = options.ServiceCache == ServiceCacheMode.On ? "on" : "off (rows marked +cache: on)",
        },
        checks,
        rows);

    Console.WriteLine();
    Console.WriteLine($"N = {testCount:N0} tests, {options.Tags:N0} tags, {catalogue.LinkCount:N0} links; {options.Clients} clients, {options.DurationSeconds} s, {report.Generator}");
    Console.Write(report.Table());
    Console.WriteLine($"Results: {await report.WriteJsonAsync(outputDirectory, cancellationToken)}");

    if (options.Explain)
    {
        await service.DisposeAsync();
        var plans = await PlanCapture.CaptureAsync(database, dataSource, root, uncachedEnvironment, token, tags, outputDirectory, testCount, cancellationToken);
        Console.WriteLine($"Plans: {plans}");
    }
}

return 0;

static string RepositoryRoot()
{
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DiagnosticTests.sln")))
            {
                return dir.FullName;
            }
        }
    }

    throw new InvalidOperationException("Run from inside the repository: DiagnosticTests.sln was not found above the current folder.");
}

static double? LoadAverage() =>
    File.Exists("/proc/loadavg")
    && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load)
        ? load
        : null;

static async Task<string> MachineAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
{
    await using var version = dataSource.CreateCommand("SHOW server_version");
    var postgres = await version.ExecuteScalarAsync(cancellationToken);
    var memory = File.Exists("/proc/meminfo")
        ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]
        : null;
    var memoryText = long.TryParse(memory, NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? $"{kb / 1024.0 / 1024.0:F1} GiB" : "?";
    var cpu = File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
        : null;
    return $"{Environment.ProcessorCount} CPUs ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), {memoryText} RAM, "
        + $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}, PostgreSQL {postgres}; service, database and load generator share the machine";
}
