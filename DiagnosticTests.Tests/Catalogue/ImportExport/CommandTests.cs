using DiagnosticTests.Api.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace DiagnosticTests.Tests.Catalogue.ImportExport;

/// <summary>The verbs run in-process against the test database, as <c>dotnet run -- import-catalogue FILE</c> would.</summary>
public sealed class CommandTests : ImportExportTestBase
{
    private readonly List<string> _files = [];

    [TearDown]
    public void DeleteFiles() => _files.ForEach(File.Delete);

    [Test]
    public async Task import_catalogue_reports_what_it_created_and_exits_0()
    {
        var file = await WriteFile(".json", RichCatalogue);

        var (exitCode, output, error) = await Run(CatalogueCommands.ImportAsync, file);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero, error);
            Assert.That(output, Does.StartWith($"{file}: 3 tests created, 0 updated, 0 unchanged; 4 tags created, 0 updated."));
            Assert.That(output, Does.Contain("  created test: Prenatal screen"));
            Assert.That(output, Does.Contain("  created tag: tiredness"));
            Assert.That(await CountTests(), Is.EqualTo(3));
            Assert.That(await TagCategory("tiredness"), Is.EqualTo("Other"));
        }
    }

    [Test]
    public async Task import_catalogue_with_a_rejected_row_exits_1_names_the_line_and_writes_nothing()
    {
        var file = await WriteFile(".csv",
            "name,code,category,description,specimen,preparation,turnaroundHours,validityDays,price,applicableSex,minAgeYears,maxAgeYears,tags\n"
            + "Ferritin,2276-4,Laboratory,Iron stores,Blood,,24,90,,Any,,,fatigue\n"
            + "PSA,2857-1,Laboratory,,Blood,,24,365,,Robot,50,70,\n");

        var (exitCode, output, error) = await Run(CatalogueCommands.ImportAsync, file);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(output, Is.Empty);
            Assert.That(error, Does.Contain($"{file}: 1 problem(s) found; nothing was imported."));
            Assert.That(error, Does.Contain("line 3: applicableSex: ApplicableSex must be one of Any, Female, Male."));
            Assert.That(await CountTests(), Is.Zero);
            Assert.That(await CountTags(), Is.Zero);
        }
    }

    [TestCase(".json")]
    [TestCase(".csv")]
    public async Task export_catalogue_writes_a_file_that_imports_back_into_an_empty_database(string extension)
    {
        await Run(CatalogueCommands.ImportAsync, await WriteFile(".json", RichCatalogue));
        await ExecuteSql("""DELETE FROM "Tags" WHERE "Name" = 'unused tag'""");
        var before = await DatabaseSnapshot(withTagDetails: extension == ".json");
        var file = NewFileName(extension);

        var (exitCode, output, error) = await Run(CatalogueCommands.ExportAsync, file);
        await Harness.Resetter.ResetAsync();
        var reimport = await Run(CatalogueCommands.ImportAsync, file);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero, error);
            Assert.That(output, Is.EqualTo($"Wrote the catalogue to {file}.{Environment.NewLine}"));
            Assert.That(reimport.ExitCode, Is.Zero, reimport.Error);
            Assert.That(await DatabaseSnapshot(withTagDetails: extension == ".json"), Is.EqualTo(before));
        }
    }

    [TestCase("catalogue.xml")]
    [TestCase("")]
    public async Task A_file_that_is_neither_json_nor_csv_is_a_usage_error(string name)
    {
        var (exitCode, _, error) = await Run(CatalogueCommands.ImportAsync, name);

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("Usage: import-catalogue <file.json|file.csv>"));
    }

    private delegate Task<int> Verb(IServiceProvider services, string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken);

    private static async Task<(int ExitCode, string Output, string Error)> Run(Verb verb, string file)
    {
        // A scope per run, as CommandRunner gives each verb.
        await using var scope = Harness.Factory.Services.CreateAsyncScope();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await verb(scope.ServiceProvider, [file], output, error, CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }

    private string NewFileName(string extension)
    {
        var file = Path.Combine(Path.GetTempPath(), $"catalogue-{Guid.NewGuid():N}{extension}");
        _files.Add(file);
        return file;
    }

    private async Task<string> WriteFile(string extension, string content)
    {
        var file = NewFileName(extension);
        await File.WriteAllTextAsync(file, content);
        return file;
    }
}
