using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DiagnosticTests.Benchmarks.Baseline;

/// <summary>
/// A minimal ASP.NET Core endpoint inside the benchmark process (Kestrel on loopback, one NpgsqlDataSource)
/// serving <see cref="BaselineQueries"/>. No authentication, no OData: it shows what the database and a
/// hand-written serialiser cost for the same answer.
/// <code>
/// GET /baseline/all-of?tags=a,b&amp;top=50
/// GET /baseline/recommend?tags=a,b,c&amp;sex=Female&amp;age=54&amp;top=100
/// </code>
/// </summary>
public sealed class BaselineServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BaselineServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<BaselineServer> StartAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var port = Database.BenchmarkDatabase.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();

        app.MapGet("/baseline/all-of", async context =>
        {
            var tags = Tags(context);
            var top = IntQuery(context, "top", 50);
            await using var command = BaselineQueries.AllOfCommand(dataSource, tags, top);
            await using var reader = await command.ExecuteReaderAsync(context.RequestAborted);
            context.Response.ContentType = "application/json; charset=utf-8";
            await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
            await BaselineQueries.WriteTestsAsync(reader, json, async () => await json.FlushAsync(context.RequestAborted), context.RequestAborted);
            await json.FlushAsync(context.RequestAborted);
        });

        app.MapGet("/baseline/recommend", async context =>
        {
            var tags = Tags(context);
            var sex = context.Request.Query["sex"].ToString();
            var age = IntQuery(context, "age", 0);
            var top = IntQuery(context, "top", 100);
            await using var command = BaselineQueries.RecommendCommand(dataSource, tags, sex, age, top);
            await using var reader = await command.ExecuteReaderAsync(context.RequestAborted);
            context.Response.ContentType = "application/json; charset=utf-8";
            await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
            await BaselineQueries.WriteRecommendationsAsync(reader, json, tags.Distinct(StringComparer.OrdinalIgnoreCase).Count(), context.RequestAborted);
            await json.FlushAsync(context.RequestAborted);
        });

        await app.StartAsync(cancellationToken);
        return new BaselineServer(app, new Uri($"http://127.0.0.1:{port}/"));
    }

    private static List<string> Tags(HttpContext context) =>
        context.Request.Query["tags"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static int IntQuery(HttpContext context, string name, int fallback) =>
        int.TryParse(context.Request.Query[name], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
