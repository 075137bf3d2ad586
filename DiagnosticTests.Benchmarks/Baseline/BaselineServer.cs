using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DiagnosticTests.Benchmarks.Baseline;

/// <summary>
/// A minimal ASP.NET Core endpoint inside the benchmark process (Kestrel on loopback, one NpgsqlDataSource)
/// serving <see cref="BaselineQueries"/>. No OData, and no authentication under <c>/baseline/</c>: it shows what
/// the database and a hand-written serialiser cost for the same answer. Under <c>/baseline/signed-in/</c> the same
/// endpoints first check the service's bearer token (<see cref="BaselineSignIn"/>), as an endpoint for real users must.
/// <code>
/// GET /baseline/all-of?tags=a,b&amp;top=50
/// GET /baseline/recommend?tags=a,b,c&amp;sex=Female&amp;age=54&amp;top=100
/// GET /baseline/signed-in/all-of?tags=a,b&amp;top=50   (Authorization: Bearer …)
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

    public static async Task<BaselineServer> StartAsync(NpgsqlDataSource dataSource, BaselineSignIn signIn, CancellationToken cancellationToken)
    {
        var port = Database.BenchmarkDatabase.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        signIn.AddTo(builder.Services);
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();

        // The same endpoints under /baseline/signed-in/ require the service's bearer token.
        var signedIn = app.MapGroup("/baseline/signed-in").RequireAuthorization();
        foreach (var endpoints in new IEndpointRouteBuilder[] { app.MapGroup("/baseline"), signedIn })
        {
            MapQueries(endpoints, dataSource);
        }

        await app.StartAsync(cancellationToken);
        return new BaselineServer(app, new Uri($"http://127.0.0.1:{port}/"));
    }

    private static void MapQueries(IEndpointRouteBuilder app, NpgsqlDataSource dataSource)
    {
        app.MapGet("/all-of", async context =>
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

        app.MapGet("/recommend", async context =>
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
