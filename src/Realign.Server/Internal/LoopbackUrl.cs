namespace Realign.Server.Internal;

/// <summary>The server binds to loopback only: it has no TLS of its own and is meant to sit behind a proxy.</summary>
internal static class LoopbackUrl
{
    public static string Check(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException($"'{url}' is not an http:// URL");
        }

        if (uri.Host is not ("127.0.0.1" or "localhost"))
        {
            throw new ArgumentException($"the server binds to 127.0.0.1 only, not '{uri.Host}'; put a TLS proxy in front of it for other hosts");
        }

        return $"http://127.0.0.1:{uri.Port}";
    }
}
