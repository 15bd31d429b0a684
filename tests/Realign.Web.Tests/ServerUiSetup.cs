using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Truth;
using Realign.Vault;
using Realign.Vault.Sync;

namespace Realign.Web.Tests;

/// <summary>A server with one cloud-first tenant: a vault (the owner's desktop) wrote three notes, a cloud model suggested a
/// new title for each, and a local assistant suggested a task; the review UI is the server's own.</summary>
public sealed class ServerUiSetup : IAsyncDisposable
{
    public const string HostileTitle = "Boiler <script>alert(1)</script>";

    private ServerUiSetup(HostedServer server, TenantUnderTest tenant, LocalVault vault, HttpSyncTransport transport)
    {
        Server = server;
        Tenant = tenant;
        Vault = vault;
        Transport = transport;
        Client = new SyncClient(vault, transport);
    }

    public HostedServer Server { get; }

    public TenantUnderTest Tenant { get; }

    public LocalVault Vault { get; }

    public HttpSyncTransport Transport { get; }

    public SyncClient Client { get; }

    public static string Item(string type, string id, int level, string origin, string payload, int secondsFromNow = 1) => $$"""
        {"batch_id":"b-{{Guid.NewGuid():N}}","items":[{"entity_type":"{{type}}","entity_id":"{{id}}","truth_level":{{level}},"origin_source":"{{origin}}","last_modified_at":"{{UtcMicros.Format(UtcMicros.From(DateTimeOffset.UtcNow.AddSeconds(secondsFromNow)))}}","payload":{{payload}}}]}
        """;

    public static async Task<ServerUiSetup> StartAsync(HostedServer? server = null)
    {
        server ??= await HostedServer.StartSqliteAsync();
        var tenant = await server.NewTenantAsync(VaultMode.CloudFirst);
        var vault = LocalVault.Create(server.Folder.Sub("vault-" + tenant.Id), new VaultSettings(tenant.Id, "desktop", VaultMode.CloudFirst, server.Url));
        var setup = new ServerUiSetup(server, tenant, vault, new HttpSyncTransport(server.BaseAddress, tenant.Owner));
        vault.Put("note", "n1", $$"""{"title":"{{HostileTitle}}","body":"The boiler knocks."}""");
        vault.Put("note", "n2", """{"title":"Roof","body":"Tiles are loose."}""");
        vault.Put("note", "n3", """{"title":"Garden","body":"Plant tulips."}""");
        await setup.Client.SyncAsync();
        foreach (var (id, payload) in new[] { ("n1", """{"title":"Boiler noise"}"""), ("n2", """{"title":"Roof tiles"}"""), ("n3", """{"title":"Garden bulbs"}""") })
        {
            var reply = await server.Api.PushAsync(tenant.Tokens["ai-cloud"], Item("note", id, 5, "ai-cloud:llm", payload));
            Assert.Equal(200, reply.Status);
        }

        var task = await server.Api.PushAsync(tenant.Tokens["ai-local"], Item("task", "t1", 3, "ai-local:builtin", """{"title":"Call the plumber","done":false}"""));
        Assert.Equal(200, task.Status);
        return setup;
    }

    public async Task<SyncItem> HeadAsync(string type, string id) =>
        await Server.Store.GetEntityAsync(new EntityKey(Tenant.Id, type, id)) ?? throw new InvalidOperationException($"no {type}/{id}");

    public async Task<string> ProposalAsync(string entityId) =>
        (await Server.Store.ListProposalsAsync(Tenant.Id, "pending")).Single(p => p.EntityId == entityId).ProposalId!;

    public async ValueTask DisposeAsync()
    {
        Transport.Dispose();
        Vault.Dispose();
        await Server.DisposeAsync();
    }
}
