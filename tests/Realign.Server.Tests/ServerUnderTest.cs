using System.Net.Http.Headers;
using System.Text.Json;
using System.Text;
using Microsoft.Extensions.Logging;
using Realign.Core.Contract;
using Realign.Core.Rules;
using Realign.Storage;

namespace Realign.Server.Tests;

/// <summary>A real server on a free loopback port with one tenant and tokens of each kind.</summary>
public sealed class ServerUnderTest : IAsyncDisposable
{
    private readonly HttpClient _http;

    private ServerUnderTest(RealignServerHost host, string tenantId, Dictionary<string, string> tokens, string admin)
    {
        Admin = admin;
        Host = host;
        TenantId = tenantId;
        Tokens = tokens;
        _http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public RealignServerHost Host { get; }

    public string TenantId { get; }

    public IReadOnlyDictionary<string, string> Tokens { get; }

    public string Owner => Tokens["owner"];

    public string Admin { get; }

    public static async Task<ServerUnderTest> StartAsync(RealignServerOptions options)
    {
        var host = await RealignServerHost.StartAsync(options with { Url = "http://127.0.0.1:0", MinimumLogLevel = LogLevel.Warning });
        var tenant = await host.Store.CreateTenantAsync("t-" + Guid.NewGuid().ToString("N")[..10], VaultMode.LocalFirst);
        var tokens = new Dictionary<string, string>
        {
            ["owner"] = (await host.Store.CreateTokenAsync(new TokenRequest(tenant.Id, PrincipalKind.UserDevice, "desktop", true))).Token,
            ["web"] = (await host.Store.CreateTokenAsync(new TokenRequest(tenant.Id, PrincipalKind.UserDevice, "web", true))).Token,
            ["mobile"] = (await host.Store.CreateTokenAsync(new TokenRequest(tenant.Id, PrincipalKind.UserDevice, "mobile", false))).Token,
            ["automation"] = (await host.Store.CreateTokenAsync(new TokenRequest(tenant.Id, PrincipalKind.Automation))).Token,
            ["ai-cloud"] = (await host.Store.CreateTokenAsync(new TokenRequest(tenant.Id, PrincipalKind.AiCloud))).Token,
        };
        return new ServerUnderTest(host, tenant.Id, tokens, host.AdminToken ?? await host.Store.CreateAdminTokenAsync());
    }

    public async Task<ServerUnderTest> SecondTenantAsync()
    {
        var tenant = await Host.Store.CreateTenantAsync("t-" + Guid.NewGuid().ToString("N")[..10], VaultMode.CloudFirst);
        var token = (await Host.Store.CreateTokenAsync(new TokenRequest(tenant.Id, PrincipalKind.UserDevice, "desktop", true))).Token;
        return new ServerUnderTest(Host, tenant.Id, new Dictionary<string, string> { ["owner"] = token }, Admin) { _borrowed = true };
    }

    private bool _borrowed;

    public async Task<Reply> SendAsync(HttpMethod method, string path, string? token, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Reply((int)response.StatusCode, text, response.Headers.RetryAfter?.Delta, response.Content.Headers.ContentType?.MediaType);
    }

    public Task<Reply> PushAsync(string token, string body) => SendAsync(HttpMethod.Post, "/sync/push", token, body);

    public Task<Reply> GetAsync(string path, string? token) => SendAsync(HttpMethod.Get, path, token);

    public async Task<JsonElement> HeadAsync(string id, string? token = null)
    {
        var reply = await GetAsync($"/sync/entities/note/{id}", token ?? Owner);
        Assert.Equal(200, reply.Status);
        return reply.Json;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_borrowed)
        {
            await Host.DisposeAsync();
        }
    }
}
