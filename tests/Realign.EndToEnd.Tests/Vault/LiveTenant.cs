using System.Text.Json;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Rules;
using Realign.Server;
using Realign.Storage;
using Realign.Vault;
using Realign.Vault.Sync;

namespace Realign.EndToEnd.Tests.Vault;

/// <summary>One tenant of a <see cref="HostedServer"/> with the vaults made for it, syncing over HTTP; disposing closes
/// the vaults (the server is the caller's).</summary>
public sealed class LiveTenant : IDisposable
{
    private readonly List<LiveVault> _vaults = [];

    private LiveTenant(HostedServer server, TenantInfo tenant)
    {
        Server = server;
        Tenant = tenant;
    }

    /// <summary>The server options of the vault tests: a rate limit no test reaches.</summary>
    public static RealignServerOptions Options { get; } = new() { RateLimitPermits = 100_000 };

    public HostedServer Server { get; }

    public TenantInfo Tenant { get; }

    public string TenantId => Tenant.Id;

    public static async Task<LiveTenant> CreateAsync(HostedServer server, VaultMode mode = VaultMode.CloudFirst) =>
        new(server, await server.Store.CreateTenantAsync("t-" + Guid.NewGuid().ToString("N")[..10], mode));

    public async Task<string> TokenAsync(PrincipalKind kind, string? channel = null, bool canAccept = false) =>
        (await Server.Store.CreateTokenAsync(new TokenRequest(TenantId, kind, channel, canAccept))).Token;

    /// <summary>A vault in the server's scratch folder, with a desktop-class token that can accept.</summary>
    public async Task<LiveVault> NewVaultAsync(string name, string channel = "desktop", SyncOptions? options = null)
    {
        var token = await TokenAsync(PrincipalKind.UserDevice, channel, canAccept: true);
        var mode = Tenant.Mode == VaultMode.LocalFirst ? VaultMode.LocalFirst : VaultMode.CloudFirst;
        var vault = LocalVault.Create(Server.Folder.Sub(name), new VaultSettings(TenantId, channel, mode, Server.Url));
        var live = new LiveVault(vault, new HttpSyncTransport(Server.BaseAddress, token), token, options);
        _vaults.Add(live);
        return live;
    }

    public async Task<EntityState?> StateAsync(string type, string id)
    {
        var head = await Server.Store.GetEntityAsync(new EntityKey(TenantId, type, id));
        return head is null ? null : EntityCodec.FromHead(head, TenantId);
    }

    public async Task<List<SyncItem>> PullAllAsync(string token)
    {
        var all = new List<SyncItem>();
        long since = 0;
        while (true)
        {
            var reply = await Server.Api.GetAsync($"/sync/pull?since={since}&limit=1000", token);
            Assert.Equal(200, reply.Status);
            var page = JsonSerializer.Deserialize(reply.Body, RealignJsonContext.Default.PullResponse)!;
            all.AddRange(page.Items);
            since = page.NextCursor;
            if (!page.HasMore)
            {
                return all;
            }
        }
    }

    public async Task<PushResponse> PushAsync(string token, params SyncItem[] items)
    {
        var request = new PushRequest { BatchId = "b-" + Guid.NewGuid().ToString("N"), Items = [.. items] };
        var reply = await Server.Api.PushAsync(token, JsonSerializer.Serialize(request, RealignJsonContext.Default.PushRequest));
        Assert.True(reply.Status == 200, reply.Body);
        return JsonSerializer.Deserialize(reply.Body, RealignJsonContext.Default.PushResponse)!;
    }

    public async Task<List<ProposalDto>> ProposalsAsync(string token, string status)
    {
        var reply = await Server.Api.GetAsync("/sync/proposals?status=" + status, token);
        Assert.Equal(200, reply.Status);
        return JsonSerializer.Deserialize(reply.Body, RealignJsonContext.Default.ListProposalDto)!;
    }

    /// <summary>A SQLite server, a cloud-first tenant and a vault folder for CLI runs, whose token (a desktop device that
    /// may accept) is in the vault's <c>token</c> file.</summary>
    public static async Task<(HostedServer Server, LiveTenant Tenant, string Dir)> CliCloudVaultAsync()
    {
        var server = await HostedServer.StartAsync(Backend.Sqlite, Options);
        var tenant = await CreateAsync(server);
        var dir = server.Folder.Sub("vault");
        LocalVault.Create(dir, new VaultSettings(tenant.TenantId, "desktop", VaultMode.CloudFirst, server.Url, "file:token")).Dispose();
        await File.WriteAllTextAsync(Path.Combine(dir, "token"), await tenant.TokenAsync(PrincipalKind.UserDevice, "desktop", true) + "\n");
        return (server, tenant, dir);
    }

    public void Dispose()
    {
        foreach (var v in _vaults)
        {
            v.Dispose();
        }
    }
}
