using System.Collections;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Extensions;

namespace DiagnosticTests.Api.OData.DirectWriting;

/// <summary>
/// Writes a <see cref="DirectPage"/> with Utf8JsonWriter, byte for byte as OData's serializer writes the same
/// page: context URL, count, the entities' properties in model order, expanded collections, next link; or,
/// for a read by key, the one entity of <paramref name="entities"/> beside the context URL.
/// </summary>
public sealed class DirectPageResult(DirectPage page, IEnumerable entities) : IActionResult
{
    public const string ContentType = "application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8";

    private const int FlushThreshold = 16 * 1024;
    private static readonly JsonEncodedText Context = JsonEncodedText.Encode("@odata.context", JsonShape.Encoder);
    private static readonly JsonEncodedText Count = JsonEncodedText.Encode("@odata.count", JsonShape.Encoder);
    private static readonly JsonEncodedText Value = JsonEncodedText.Encode("value", JsonShape.Encoder);
    private static readonly JsonEncodedText NextLink = JsonEncodedText.Encode("@odata.nextLink", JsonShape.Encoder);
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JsonShape.Encoder, SkipValidation = true };

    public Task ExecuteResultAsync(ActionContext context) => WriteAsync(context.HttpContext);

    public async Task WriteAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var feature = request.ODataFeature();
        var aborted = context.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers["OData-Version"] = "4.0";

        await using var json = new Utf8JsonWriter(response.BodyWriter, WriterOptions);
        json.WriteStartObject();
        json.WriteString(Context, page.ContextUrl(request));
        if (page.IsEntity)
        {
            // One entity by key: its properties beside the context, no "value".
            foreach (var entity in entities)
            {
                WriteMembers(json, entity);
            }

            json.WriteEndObject();
            await FlushAsync(json, response, aborted);
            return;
        }

        if (feature.TotalCount is { } count)
        {
            json.WriteNumber(Count, count);
        }

        json.WriteStartArray(Value);
        foreach (var entity in entities)
        {
            WriteEntity(json, entity);
            if (json.BytesPending > FlushThreshold)
            {
                await FlushAsync(json, response, aborted);
            }
        }

        json.WriteEndArray();
        if (feature.NextLink is { } next)
        {
            json.WriteString(NextLink, next.AbsoluteUri);
        }

        json.WriteEndObject();
        await FlushAsync(json, response, aborted);
    }

    // The JSON writer only hands its bytes to the pipe; the pipe must flush them to the body, which may be a
    // buffer that a middleware reads as soon as the result has run.
    private static async Task FlushAsync(Utf8JsonWriter json, HttpResponse response, CancellationToken aborted)
    {
        await json.FlushAsync(aborted);
        await response.BodyWriter.FlushAsync(aborted);
    }

    private void WriteEntity(Utf8JsonWriter json, object entity)
    {
        json.WriteStartObject();
        WriteMembers(json, entity);
        json.WriteEndObject();
    }

    private void WriteMembers(Utf8JsonWriter json, object entity)
    {
        page.Shape.WriteProperties(json, entity);
        // Indexed loops: a foreach through these interfaces allocates an enumerator per entity written.
        for (var e = 0; e < page.Expansions.Count; e++)
        {
            var expansion = page.Expansions[e];
            json.WriteStartArray(expansion.Navigation);
            switch (page.Shape.Related(entity, expansion.Navigation))
            {
                case IList list:
                    for (var i = 0; i < list.Count; i++)
                    {
                        WriteRelated(json, expansion, list[i]!);
                    }

                    break;
                case { } items:
                    foreach (var related in items)
                    {
                        WriteRelated(json, expansion, related);
                    }

                    break;
            }

            json.WriteEndArray();
        }
    }

    private static void WriteRelated(Utf8JsonWriter json, DirectExpansion expansion, object related)
    {
        json.WriteStartObject();
        expansion.Shape.WriteProperties(json, related);
        json.WriteEndObject();
    }
}
