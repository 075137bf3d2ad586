using DiagnosticTests.Api.Catalogue;
using DiagnosticTests.Api.Startup;
using Microsoft.EntityFrameworkCore;

namespace DiagnosticTests.Api.Commands;

/// <summary>
/// <c>import-catalogue FILE</c> and <c>export-catalogue FILE</c>, the format chosen by the extension
/// (<c>.json</c> or <c>.csv</c>). Exit codes: 0 done, 1 rejected or failed (nothing written), 2 usage.
/// The writer overloads let tests read the report without swapping the process-wide console.
/// </summary>
public static class CatalogueCommands
{
    public static Task<int> ImportAsync(IServiceProvider services, string[] args, CancellationToken cancellationToken) =>
        ImportAsync(services, args, Console.Out, Console.Error, cancellationToken);

    public static Task<int> ExportAsync(IServiceProvider services, string[] args, CancellationToken cancellationToken) =>
        ExportAsync(services, args, Console.Out, Console.Error, cancellationToken);

    public static async Task<int> ImportAsync(
        IServiceProvider services, string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (await FileAndFormatAsync("import-catalogue", args, error) is not ({ } path, var format))
        {
            return 2;
        }

        if (!File.Exists(path))
        {
            await error.WriteLineAsync($"No such file: {path}");
            return 1;
        }

        var content = await File.ReadAllBytesAsync(path, cancellationToken);
        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
        CatalogueImportReport report;
        try
        {
            report = await services.GetRequiredService<CatalogueImporter>().ImportAsync(ParsedCatalogue.Parse(content, format), cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Rows valid on their own can still collide with a concurrent writer; the transaction was rolled back.
            await error.WriteLineAsync($"{path}: the database refused the import, nothing was written: {ex.InnerException?.Message ?? ex.Message}");
            return 1;
        }

        if (!report.Succeeded)
        {
            await error.WriteLineAsync($"{path}: {report.Summary}");
            foreach (var rejection in report.Rejected)
            {
                await error.WriteLineAsync($"  {rejection}");
            }

            return 1;
        }

        await output.WriteLineAsync($"{path}: {report.Summary}");
        await WriteNamesAsync(output, "created test", report.Created);
        await WriteNamesAsync(output, "updated test", report.Updated);
        await WriteNamesAsync(output, "created tag", report.TagsCreated);
        await WriteNamesAsync(output, "updated tag", report.TagsUpdated);
        return 0;
    }

    public static async Task<int> ExportAsync(
        IServiceProvider services, string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (await FileAndFormatAsync("export-catalogue", args, error) is not ({ } path, var format))
        {
            return 2;
        }

        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
        var export = await services.GetRequiredService<CatalogueExporter>().ExportAsync(format, cancellationToken);
        if (export.Content is null)
        {
            await error.WriteLineAsync(export.Error);
            return 1;
        }

        await File.WriteAllBytesAsync(path, export.Content, cancellationToken);
        await output.WriteLineAsync($"Wrote the catalogue to {path}.");
        return 0;
    }

    private static async Task<(string Path, CatalogueFormat Format)?> FileAndFormatAsync(string verb, string[] args, TextWriter error)
    {
        if (args is [var path] && CatalogueFormats.FromPath(path) is { } format)
        {
            return (path, format);
        }

        await error.WriteLineAsync($"Usage: {verb} <file.json|file.csv>   (JSON carries tags with categories; CSV carries tests only)");
        return null;
    }

    private static async Task WriteNamesAsync(TextWriter output, string label, IReadOnlyList<string> names)
    {
        foreach (var name in names)
        {
            await output.WriteLineAsync($"  {label}: {name}");
        }
    }
}
