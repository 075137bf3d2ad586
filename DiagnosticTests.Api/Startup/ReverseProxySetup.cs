using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace DiagnosticTests.Api.Startup;

public static class ReverseProxySetup
{
    /// <summary>
    /// Trusts X-Forwarded-For/-Proto/-Host only from loopback and the networks listed in
    /// ForwardedHeaders:KnownNetworks (comma-separated CIDRs), so absolute links show the public address.
    /// </summary>
    public static IServiceCollection AddReverseProxySupport(this IServiceCollection services, IConfiguration configuration)
    {
        var networks = (configuration["ForwardedHeaders:KnownNetworks"] ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }

            options.KnownProxies.Add(IPAddress.IPv6Loopback);
        });
        return services;
    }
}
