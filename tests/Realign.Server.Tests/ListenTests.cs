using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Realign.Server.Tests;

/// <summary>Where the server listens: HTTPS with the operator's certificate (made here, for 127.0.0.1), HSTS on it; plain
/// HTTP off loopback refused unless a proxy is named; every wrong setting stops the start with one line naming it.</summary>
public sealed class ListenTests
{
    [Fact]
    public async Task Https_WithAPemCertificate_ServesOverTls_WithHsts()
    {
        using var scratch = new TempDir("realign-tls-");
        var (certFile, keyFile, thumbprint) = MakeCertificate(scratch.Path);
        await using var host = await RealignServerHost.StartAsync(new RealignServerOptions
        {
            Url = "https://127.0.0.1:0",
            SqlitePath = Path.Combine(scratch.Path, "realign.db"),
            CertificateFile = certFile,
            CertificateKeyFile = keyFile,
            Automations = false,
        });

        Assert.Equal("https", host.BaseAddress.Scheme);
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == thumbprint };
        using var https = new HttpClient(handler) { BaseAddress = host.BaseAddress };
        using var reply = await https.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Equal("max-age=31536000", reply.Headers.GetValues("Strict-Transport-Security").Single());

        using var plain = new HttpClient();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => plain.GetAsync(new Uri($"http://127.0.0.1:{host.BaseAddress.Port}/readyz")));
    }

    [Theory]
    [InlineData("http://0.0.0.0:0", false, false, "plain HTTP on 0.0.0.0 would expose tokens on the network")]
    [InlineData("http://192.168.1.10:0", false, false, "name the proxy in front of it (--trusted-proxy ADDRESS)")]
    [InlineData("https://127.0.0.1:0", false, false, "is https: give the certificate")]
    [InlineData("http://127.0.0.1:0", true, false, "a certificate was given but 'http://127.0.0.1:0' is http")]
    [InlineData("https://example.org:443", true, false, "not the name 'example.org'")]
    [InlineData("ftp://127.0.0.1:21", false, false, "is not an http:// or https:// URL")]
    public async Task AWrongListenSetting_StopsTheStartWithOneLineNamingIt(string url, bool certificate, bool proxy, string message)
    {
        using var scratch = new TempDir("realign-listen-");
        var (certFile, keyFile, _) = MakeCertificate(scratch.Path);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => RealignServerHost.StartAsync(new RealignServerOptions
        {
            Url = url,
            SqlitePath = Path.Combine(scratch.Path, "realign.db"),
            CertificateFile = certificate ? certFile : null,
            CertificateKeyFile = certificate ? keyFile : null,
            TrustedProxies = proxy ? [IPAddress.Loopback] : [],
        }));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.False(File.Exists(Path.Combine(scratch.Path, "realign.db")), "nothing was created");
    }

    [Fact]
    public async Task ACertificateThatCannotBeRead_StopsTheStartNamingTheFile()
    {
        using var scratch = new TempDir("realign-badcert-");
        var bad = Path.Combine(scratch.Path, "cert.pem");
        await File.WriteAllTextAsync(bad, "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => RealignServerHost.StartAsync(new RealignServerOptions
        {
            Url = "https://127.0.0.1:0",
            SqlitePath = Path.Combine(scratch.Path, "realign.db"),
            CertificateFile = bad,
            CertificateKeyFile = Path.Combine(scratch.Path, "missing.key"),
        }));

        Assert.Contains("missing.key", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PlainHttpBehindANamedProxy_TakesTheClientAddressFromThatProxyAlone(bool trusted)
    {
        using var scratch = new TempDir("realign-proxy-");
        await using var host = await RealignServerHost.StartAsync(new RealignServerOptions
        {
            Url = "http://127.0.0.1:0",
            SqlitePath = Path.Combine(scratch.Path, "realign.db"),
            TrustedProxies = trusted ? [IPAddress.Loopback] : [],
            RateLimitPermits = 2,
            Automations = false,
        });
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        // Sign-in attempts are limited per client address: behind the trusted proxy, each forwarded client has its own.
        async Task<HttpStatusCode> SignInAsync(string client)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/auth/me");
            request.Headers.Add("X-Forwarded-For", client);
            using var reply = await http.SendAsync(request);
            return reply.StatusCode;
        }

        var first = new[] { await SignInAsync("203.0.113.1"), await SignInAsync("203.0.113.1"), await SignInAsync("203.0.113.1") };
        var other = await SignInAsync("203.0.113.2");

        // Trusted: the other client has its own allowance. Not trusted: the header is ignored and both are 127.0.0.1.
        Assert.Equal(HttpStatusCode.TooManyRequests, first[2]);
        Assert.Equal(trusted ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests, other);
    }

    private static (string Cert, string Key, string Thumbprint) MakeCertificate(string folder)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=realign-test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certFile = Path.Combine(folder, "cert.pem");
        var keyFile = Path.Combine(folder, "key.pem");
        File.WriteAllText(certFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return (certFile, keyFile, certificate.Thumbprint);
    }
}
