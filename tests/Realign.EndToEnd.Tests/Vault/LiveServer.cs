using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Rules;
using Realign.Server;
using Realign.Storage;
using Realign.Vault;
using Realign.Vault.Sync;

namespace Realign.EndToEnd.Tests.Vault;

public sealed class LiveServer : IAsyncDisposable
{
    private readonly TempDir _scratch = new();
    private readonly HttpClient _http;
    private readonly List<LiveVault> _vaults = [];

    private LiveServer(RealignServerHost host, TenantInfo tenant, string? sqlitePath, string? pgConnection)
    {
        Host = host;
        Tenant = tenant;
        SqlitePath = sqlitePath;
        PgConnection = pgConnection;
        _http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public RealignServerHost Host { get; }

    public TenantInfo Tenant { get; }

    public string TenantId => Tenant.Id;

    public string? SqlitePath { get; }

    public string? PgConnection { get; }

    public string Root => _scratch.Path;

    public string Url => Host.BaseAddress.ToString().TrimEnd('/');

    public static async Task<LiveServer> StartAsync(Backend backend, VaultMode mode = VaultMode.CloudFirst)
    {
        var scratch = new TempDir();
        string? sqlite = null;
        string? pg = null;
        var options = new RealignServerOptions { Url = "http://127.0.0.1:0", MinimumLogLevel = LogLevel.Warning, RateLimitPermits = 100_000 };
        if (backend == Backend.Sqlite)
        {
            sqlite = Path.Combine(scratch.Path, "server", "realign.db");
            Directory.CreateDirectory(Path.GetDirectoryName(sqlite)!);
            options = options with { SqlitePath = sqlite };
        }
        else
        {
            pg = await PostgresServer.CreateDatabaseAsync("e2e");
            options = options with { PostgresConnectionString = pg };
        }

        scratch.Dispose();
        var host = await RealignServerHost.StartAsync(options);
        var tenant = await host.Store.CreateTenantAsync("t-" + Guid.NewGuid().ToString("N")[..10], mode);
        return new LiveServer(host, tenant, sqlite, pg);
    }

    public async Task<string> TokenAsync(PrincipalKind kind, string? channel = null, bool canAccept = false) =>
        (await Host.Store.CreateTokenAsync(new TokenRequest(TenantId, kind, channel, canAccept))).Token;

    public async Task<LiveVault> NewVaultAsync(string name, string channel = "desktop", SyncOptions? options = null)
    {
        var token = await TokenAsync(PrincipalKind.UserDevice, channel, canAccept: true);
        var mode = Tenant.Mode == VaultMode.LocalFirst ? VaultMode.LocalFirst : VaultMode.CloudFirst;
        var vault = LocalVault.Create(_scratch.Sub(name), new VaultSettings(TenantId, channel, mode, Url));
        var live = new LiveVault(vault, new HttpSyncTransport(Host.BaseAddress, token), token, options);
        _vaults.Add(live);
        return live;
    }

    public async Task<EntityState?> StateAsync(string type, string id)
    {
        var head = await Host.Store.GetEntityAsync(new EntityKey(TenantId, type, id));
        return head is null ? null : EntityCodec.FromHead(head, TenantId);
    }

    public async Task<List<SyncItem>> PullAllAsync(string token)
    {
        var all = new List<SyncItem>();
        long since = 0;
        while (true)
        {
            var (status, body) = await SendAsync(HttpMethod.Get, $"/sync/pull?since={since}&limit=1000", token);
            Assert.Equal(200, status);
            var page = JsonSerializer.Deserialize(body, RealignJsonContext.Default.PullResponse)!;
            all.AddRange(page.Items);
            since = page.NextCursor;
            if (!page.HasMore)
            {
                return all;
            }
        }
    }

    public async Task<(int Status, string Body)> SendAsync(HttpMethod method, string path, string token, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<PushResponse> PushAsync(string token, params SyncItem[] items)
    {
        var request = new PushRequest { BatchId = "b-" + Guid.NewGuid().ToString("N"), Items = [.. items] };
        var (status, body) = await SendAsync(HttpMethod.Post, "/sync/push", token, JsonSerializer.Serialize(request, RealignJsonContext.Default.PushRequest));
        Assert.True(status == 200, body);
        return JsonSerializer.Deserialize(body, RealignJsonContext.Default.PushResponse)!;
    }

    public async Task<List<ProposalDto>> ProposalsAsync(string token, string status)
    {
        var (code, body) = await SendAsync(HttpMethod.Get, "/sync/proposals?status=" + status, token);
        Assert.Equal(200, code);
        return JsonSerializer.Deserialize(body, RealignJsonContext.Default.ListProposalDto)!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var v in _vaults)
        {
            v.Dispose();
        }

        _http.Dispose();
        await Host.DisposeAsync();
        if (PgConnection is not null)
        {
            await PostgresServer.DropDatabaseAsync(PgConnection);
        }

        if (SqlitePath is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TryDelete(Path.GetDirectoryName(Path.GetDirectoryName(SqlitePath))!);
        }

        _scratch.Dispose();
    }

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
