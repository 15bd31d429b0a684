using System.Net;

namespace Realign.Server.Internal;

/// <summary>Where the server may listen: plain HTTP on loopback (the default); HTTPS on a chosen interface with a
/// certificate; plain HTTP on another interface only behind proxies the operator names (their forwarded headers alone are
/// trusted).</summary>
internal static class ListenAddress
{
    /// <summary>The address, port and scheme to listen on, or an <see cref="ArgumentException"/> with one line naming what is wrong.</summary>
    public static (IPAddress Address, int Port, bool Https, string Display) Check(string url, bool hasCertificate = false, bool hasTrustedProxies = false)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.AbsolutePath != "/")
        {
            throw new ArgumentException($"'{url}' is not an http:// or https:// URL of a host and port");
        }

        var https = uri.Scheme == Uri.UriSchemeHttps;
        var address = AddressOf(uri) ?? throw new ArgumentException($"listen on an IP address (127.0.0.1, 0.0.0.0, ::, or an interface's address), not the name '{uri.Host}'");
        if (https && !hasCertificate)
        {
            throw new ArgumentException($"'{url}' is https: give the certificate (--certificate FILE, a PEM with --certificate-key, or a PFX)");
        }

        if (!https && hasCertificate)
        {
            throw new ArgumentException($"a certificate was given but '{url}' is http; listen on https://");
        }

        if (!https && !IPAddress.IsLoopback(address) && !hasTrustedProxies)
        {
            throw new ArgumentException($"plain HTTP on {address} would expose tokens on the network: listen on https:// with a certificate, or name the proxy in front of it (--trusted-proxy ADDRESS)");
        }

        var host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return (address, uri.Port, https, $"{uri.Scheme}://{host}:{uri.Port}");
    }

    /// <summary>The address and port of the metrics listener: plain HTTP on an IP address (it serves <c>/metrics</c> alone, which
    /// carries no token and no content, so it may face the network an operator's Prometheus scrapes from).</summary>
    public static (IPAddress Address, int Port) CheckMetrics(string url, (IPAddress Address, int Port) main)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.AbsolutePath != "/")
        {
            throw new ArgumentException($"the metrics URL '{url}' is not an http:// URL of an address and port (it serves /metrics alone, in plain HTTP)");
        }

        var address = AddressOf(uri) ?? throw new ArgumentException($"the metrics URL listens on an IP address, not the name '{uri.Host}'");
        if (uri.Port != 0 && uri.Port == main.Port)
        {
            throw new ArgumentException($"the metrics URL '{url}' has the server's own port {main.Port}; give it a port of its own");
        }

        return (address, uri.Port);
    }

    /// <summary>The IP address of a URL's host (<c>localhost</c> is loopback), or null for any other name.</summary>
    private static IPAddress? AddressOf(Uri uri) =>
        uri.Host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var parsed) ? parsed : null;
}
