using System.Net;
using DiagnosticTests.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace DiagnosticTests.Tests.Deployment;

/// <summary>
/// The real app on Kestrel, on a free loopback port, so a separate process (nginx) can reach it. Same settings
/// and database as the in-memory harness app, with the server swapped through WebApplicationFactory.UseKestrel.
/// </summary>
public sealed class KestrelApi : IAsyncDisposable
{
    private readonly ApiFactory _factory;

    private KestrelApi(ApiFactory factory, Uri address)
    {
        _factory = factory;
        Address = address;
    }

    /// <summary>Where Kestrel listens, e.g. http://127.0.0.1:41234.</summary>
    public Uri Address { get; }

    public static async Task<KestrelApi> StartAsync(string connectionString, IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        var factory = new ApiFactory(connectionString, extraSettings);
        try
        {
            factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            factory.StartServer();
            var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var address = addresses.Count == 1
                ? new Uri(addresses.Single())
                : throw new InvalidOperationException($"Expected Kestrel to listen on one address, got [{string.Join(", ", addresses)}].");

            using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
            using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
            if (live.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"The API on Kestrel ({address}) answered /health/live with {(int)live.StatusCode}.");
            }

            return new KestrelApi(factory, address);
        }
        catch
        {
            await factory.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();
}
