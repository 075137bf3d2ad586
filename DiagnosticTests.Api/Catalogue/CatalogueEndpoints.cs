using DiagnosticTests.Api.Auth;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace DiagnosticTests.Api.Catalogue;

/// <summary>The import answer: how many tests and tags were written (names are in the CLI report).</summary>
public sealed record CatalogueImportResult(int Created, int Updated, int Unchanged, int TagsCreated, int TagsUpdated);

public static class CatalogueEndpoints
{
    public static RouteGroupBuilder MapCatalogueEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var catalogue = endpoints.MapGroup("/api/catalogue").WithTags("Catalogue");

        catalogue.MapPost("/import", ImportAsync)
            .RequireAuthorization(Policies.Editor)
            .WithSummary("Upsert tests and tags from a catalogue file (JSON or CSV body); all rows or none.")
            .WithDescription("The body is the catalogue JSON shown here, or CSV text with the header "
                + string.Join(',', CatalogueCsv.Columns) + " (tags ';'-separated). Any rejected row: 400 listing every problem, nothing written.")
            // Swashbuckle keeps only the last Accepts, so one call: the JSON schema stands for both media types.
            .Accepts<CatalogueDocument>(CatalogueFormats.JsonContentType, CatalogueFormats.CsvContentType)
            .Produces<CatalogueImportResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        catalogue.MapGet("/export", ExportAsync)
            .WithSummary("Download the catalogue as JSON (full fidelity, the default) or CSV (tests only): ?format=json|csv.")
            .Produces<CatalogueDocument>(StatusCodes.Status200OK, CatalogueFormats.JsonContentType, CatalogueFormats.CsvContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return catalogue;
    }

    private static async Task<IResult> ImportAsync(
        HttpRequest request, CatalogueImporter importer, IOptions<CatalogueOptions> options, CancellationToken cancellationToken)
    {
        var format = MediaTypeHeaderValue.TryParse(request.ContentType, out var type) ? type.MediaType.Value?.ToUpperInvariant() switch
        {
            "APPLICATION/JSON" => CatalogueFormat.Json,
            "TEXT/CSV" => CatalogueFormat.Csv,
            _ => (CatalogueFormat?)null,
        } : null;
        if (format is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: $"Send the catalogue as {CatalogueFormats.JsonContentType} or {CatalogueFormats.CsvContentType}.");
        }

        var limit = options.Value.MaxImportBytes;
        var body = await ReadBodyAsync(request, limit, cancellationToken);
        if (body is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Catalogue too large",
                detail: $"The body is larger than {limit} bytes (setting Catalogue:MaxImportBytes).");
        }

        var report = await importer.ImportAsync(ParsedCatalogue.Parse(body, format.Value), cancellationToken);
        if (!report.Succeeded)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Catalogue rejected",
                detail: $"{report.Summary} {string.Join(" ", report.Rejected)}",
                extensions: new Dictionary<string, object?>
                {
                    ["rejected"] = report.Rejected.Select(r => new { r.Location.Line, r.Location.Entry, r.Field, r.Message, Text = r.ToString() }),
                });
        }

        return Results.Ok(new CatalogueImportResult(
            report.Created.Count, report.Updated.Count, report.Unchanged, report.TagsCreated.Count, report.TagsUpdated.Count));
    }

    private static async Task<IResult> ExportAsync(string? format, CatalogueExporter exporter, CancellationToken cancellationToken)
    {
        if ((format is null ? CatalogueFormat.Json : CatalogueFormats.FromName(format)) is not { } chosen)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown format", detail: "format must be json or csv.");
        }

        var export = await exporter.ExportAsync(chosen, cancellationToken);
        return export.Content is null
            ? Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not representable in this format", detail: export.Error)
            : Results.File(export.Content, $"{chosen.ContentType()}; charset=utf-8", chosen.FileName());
    }

    /// <summary>The body, or null when it is larger than <paramref name="limit"/>: refused before reading when the length is declared.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        // Let a configured limit above the server's default (30 MB on Kestrel) through; our own count enforces it.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server)
        {
            server.MaxRequestBodySize = limit + 1;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
