using System.Net;
using System.Net.Sockets;
using System.Text;
using Realign.Core.Truth;

namespace Realign.Assist.Providers;

/// <summary>Checks a provider's declared placement against its endpoint, so its level cannot be got wrong by a typo.</summary>
/// <remarks>
/// <para>A <c>local</c> provider must be the built-in assistant or answer on a loopback address (<c>127.0.0.0/8</c>,
/// <c>::1</c>, <c>localhost</c>). A <c>lan</c> provider must be on a private address (<c>10/8</c>, <c>172.16/12</c>,
/// <c>192.168/16</c>, link-local, CGNAT <c>100.64/10</c>, IPv6 unique-local and link-local) or a name only a local network
/// resolves (one label, or <c>.local</c>, <c>.lan</c>, <c>.home.arpa</c>, <c>.internal</c>); a public address or name is
/// refused, since its output would be stamped with more authority than it has. A <c>cloud</c> provider may be anywhere
/// (declaring less authority is no escalation), but outside loopback it must use HTTPS, so its key and the tenant's text
/// never cross the network in clear.</para>
/// <para>The check reads addresses as written; it does not resolve names, so it needs no network and cannot be fooled by
/// a resolver that answers differently later.</para>
/// </remarks>
public static class ProviderCheck
{
    private static readonly string[] LanSuffixes = [".local", ".lan", ".home.arpa", ".internal"];

    /// <summary>The identity of a provider whose placement its endpoint bears out.</summary>
    /// <exception cref="ProviderConfigurationException">One line naming the provider and what is wrong.</exception>
    public static ProviderIdentity Validate(ProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var name = options.Name;
        if (string.IsNullOrWhiteSpace(name) || !OriginSource.TryParse("ai-local:" + name, out _, out _))
        {
            throw new ProviderConfigurationException($"provider '{name}': a name is 1-120 characters of letters, digits and . _ @ / + -");
        }

        if (string.IsNullOrWhiteSpace(options.Model))
        {
            throw new ProviderConfigurationException($"provider '{name}': no model given");
        }

        if (options.Kind == ProviderKind.Builtin)
        {
            if (options.Placement != ProviderPlacement.Local || options.Endpoint is not null)
            {
                throw new ProviderConfigurationException($"provider '{name}': the built-in assistant runs in process: placement local, no endpoint");
            }
        }
        else
        {
            CheckEndpoint(name, options.Placement, options.Endpoint);
        }

        var model = OriginName(options.Model);
        var (level, origin) = options.Placement switch
        {
            ProviderPlacement.Local => (TruthLevel.AiLocal, model),
            ProviderPlacement.Lan => (TruthLevel.AiLan, model),
            _ => (TruthLevel.AiCloud, OriginName(name) + "-" + model),
        };
        if (!OriginSource.TryParse($"{level.Prefix()}:{origin}", out var source, out var error))
        {
            throw new ProviderConfigurationException($"provider '{name}': its origin would be invalid: {error}");
        }

        return new ProviderIdentity(options, level, source);
    }

    private static void CheckEndpoint(string name, ProviderPlacement placement, Uri? endpoint)
    {
        if (endpoint is not { IsAbsoluteUri: true } || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ProviderConfigurationException($"provider '{name}': the endpoint must be an absolute http or https URL");
        }

        var host = endpoint.IdnHost.Trim('[', ']');
        var address = IPAddress.TryParse(host, out var parsed) ? parsed : null;
        var loopback = address is not null ? IPAddress.IsLoopback(address) : host.Equals("localhost", StringComparison.OrdinalIgnoreCase);
        switch (placement)
        {
            case ProviderPlacement.Local when !loopback:
                throw new ProviderConfigurationException($"provider '{name}': declared local but its endpoint {endpoint.Host} is not a loopback address; declare it lan or cloud");
            case ProviderPlacement.Lan when !loopback && !(address is not null ? IsPrivate(address) : IsLanName(host)):
                throw new ProviderConfigurationException($"provider '{name}': declared lan but its endpoint {endpoint.Host} is {(address is null ? "not a private-network name" : "a public address")}; declare it cloud");
            case ProviderPlacement.Cloud when !loopback && endpoint.Scheme != Uri.UriSchemeHttps:
                throw new ProviderConfigurationException($"provider '{name}': a cloud endpoint must use https");
        }
    }

    /// <summary>True for private, link-local, CGNAT and IPv6 unique-local addresses.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] == 10 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127);
        }

        return address.IsIPv6LinkLocal || address.IsIPv6UniqueLocal || address.IsIPv6SiteLocal;
    }

    private static bool IsLanName(string host) =>
        !host.Contains('.', StringComparison.Ordinal) || LanSuffixes.Any(s => host.EndsWith(s, StringComparison.OrdinalIgnoreCase));

    /// <summary>A model or provider name as an origin name: characters outside <c>[A-Za-z0-9._@/+-]</c> become <c>-</c>.</summary>
    public static string OriginName(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Trim())
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '@' or '/' or '+' or '-' ? c : '-');
        }

        return builder.ToString();
    }
}
