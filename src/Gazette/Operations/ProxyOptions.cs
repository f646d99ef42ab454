using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Gazette.Operations;

/// <summary>
/// Section "ForwardedHeaders": the reverse proxies (nginx, a load balancer) whose X-Forwarded-For and X-Forwarded-Proto
/// Gazette believes. Behind one, the connection comes from the proxy: without these headers every reader would share
/// the proxy's address (one rate-limit allowance, one IP hash) and cookies would not know the request came over HTTPS.
/// Empty (the default): a proxy on this machine (127.0.0.0/8, ::1) only. Headers from any other address are ignored,
/// so a client cannot pick its own address by sending them.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of trusted proxies, such as <c>10.0.0.5</c>; given, they replace the default (this machine).</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, such as <c>10.0.0.0/8</c>; given, they replace the default.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public bool IsValid => KnownProxies.All(proxy => IPAddress.TryParse(proxy, out _))
        && KnownNetworks.All(network => System.Net.IPNetwork.TryParse(network, out _));

    public void ApplyTo(ForwardedHeadersOptions forwarded)
    {
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        if (KnownProxies.Length == 0 && KnownNetworks.Length == 0)
        {
            return; // ASP.NET Core's defaults: loopback only
        }
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var proxy in KnownProxies)
        {
            forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
        }
        foreach (var network in KnownNetworks)
        {
            forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
    }
}
