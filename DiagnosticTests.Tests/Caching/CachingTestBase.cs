using System.Text.Json;
using DiagnosticTests.Api.Catalogue;
using DiagnosticTests.Api.Data.Changes;
using DiagnosticTests.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DiagnosticTests.Tests.Caching;

/// <summary>
/// For fixtures that run a service of their own with caching on (the harness's has it off): starting one, signing
/// in to it, waiting until it listens for changes and knows the tags, and waiting for a change another replica
/// made to reach it.
/// </summary>
public abstract class CachingTestBase : ApiTestBase
{
    /// <summary>A service with caching on but no catalogue response kept, so every read is answered by a query.</summary>
    protected static ApiFactory WithoutResponseCaching() => new(Harness.ConnectionString, new Dictionary<string, string?>
    {
        ["Caching:Enabled"] = "true",
        ["Caching:Responses"] = "false",
    });

    /// <summary>A client of <paramref name="service"/> signed in as a fresh Editor.</summary>
    protected static async Task<HttpClient> SignedInAsEditor(WebApplicationFactory<Program> service)
    {
        using var signedIn = await SignedInAs("Editor");
        return ClientOf(service, signedIn);
    }

    /// <summary>
    /// Caching starts once the service listens for notifications and has loaded the tags: wait for both, then read
    /// <paramref name="url"/> once.
    /// </summary>
    protected static async Task WaitUntilCachingIsOn(WebApplicationFactory<Program> service, HttpClient client, string url)
    {
        await WaitUntilListening(service);
        await WaitUntilTheTagsAreKnown(service);
        using var warm = await client.GetAsync(url);
    }

    /// <summary>The service listens for PostgreSQL's notifications from shortly after it starts; until then its caches are off.</summary>
    protected static async Task WaitUntilListening(WebApplicationFactory<Program> service)
    {
        var tracking = service.Services.GetRequiredService<DataVersions>();
        for (var attempt = 0; attempt < 100 && !tracking.IsTracking; attempt++)
        {
            await Task.Delay(50);
        }

        Assert.That(tracking.IsTracking, Is.True, "the service should be listening for changes");
    }

    /// <summary>
    /// The tags load in the background after the first read that asks for them; wait until they have, so that load's
    /// query does not land among the statements a test records afterwards.
    /// </summary>
    protected static async Task WaitUntilTheTagsAreKnown(WebApplicationFactory<Program> service)
    {
        var cache = service.Services.GetRequiredService<TagCache>();
        var known = await Poll(() => Task.FromResult(cache.Current() is not null), loaded => loaded);
        Assert.That(known, Is.True, "the tags should load");
    }

    /// <summary>The Name of every entity in the page at <paramref name="url"/>.</summary>
    protected static async Task<List<string>> NamesAt(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return [.. body.GetProperty("value").EnumerateArray().Select(v => v.GetProperty("Name").GetString()!)];
    }

    /// <summary>Reads until <paramref name="done"/>: notifications from PostgreSQL arrive asynchronously, within milliseconds; allow a few seconds.</summary>
    protected static async Task<T> Poll<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var value = await read();
        for (var attempt = 0; attempt < 50 && !done(value); attempt++)
        {
            await Task.Delay(100);
            value = await read();
        }

        return value;
    }
}
