using Microsoft.Data.Sqlite;
using Realign.EndToEnd.Tests.Harness;
using Realign.Vault;
using Realign.Vault.Sync;

namespace Realign.EndToEnd.Tests.Vaults;

public sealed class VaultChecksumTests
{
    [Fact]
    public async Task VaultSync_InjectedLocalRegister_ChecksumMismatchRebuildsReplicaFromServer()
    {
        using var folder = new TempDir("realign-vaults-");
        await RunAsync(folder.Path);
    }

    [Fact]
    public async Task VaultSync_ChecksumComparedOncePerInterval_UnlessAskedAtEverySync()
    {
        using var folder = new TempDir("realign-vaults-");
        await using var server = await HostedServer.StartSqliteAsync();
        var tenant = await server.NewTenantAsync();
        using var transport = new HttpSyncTransport(server.Host.BaseAddress, tenant.Owner, firstDelay: TimeSpan.FromMilliseconds(1));
        using var vault = LocalVault.Create(Path.Combine(folder.Path, "a"), new VaultSettings(tenant.Id, "desktop"));
        vault.Put("note", "n1", """{"title":"t"}""");
        Assert.True((await new SyncClient(vault, transport).SyncAsync()).ChecksumMatched);

        // Both sides hash every live entity: within the interval a sync does not compare again.
        Assert.Null((await new SyncClient(vault, transport).SyncAsync()).ChecksumMatched);
        Assert.True((await new SyncClient(vault, transport, EverySync).SyncAsync()).ChecksumMatched);
        Assert.True((await new SyncClient(vault, transport, EverySync).SyncAsync()).ChecksumMatched);
    }

    [Fact]
    public async Task VaultSync_AskingForCompressedPages_PullsThemAndConverges()
    {
        using var folder = new TempDir("realign-vaults-");
        await using var server = await HostedServer.StartSqliteAsync();
        var tenant = await server.NewTenantAsync();
        using var plain = new HttpSyncTransport(server.Host.BaseAddress, tenant.Owner, firstDelay: TimeSpan.FromMilliseconds(1), compress: false);
        using var packed = new HttpSyncTransport(server.Host.BaseAddress, tenant.Tokens["web"], firstDelay: TimeSpan.FromMilliseconds(1), compress: true);
        using var a = LocalVault.Create(Path.Combine(folder.Path, "a"), new VaultSettings(tenant.Id, "desktop"));
        using var b = LocalVault.Create(Path.Combine(folder.Path, "b"), new VaultSettings(tenant.Id, "web"));
        for (var i = 0; i < 300; i++)
        {
            a.Put("note", $"n{i:D3}", $$"""{"title":"note {{i}}","body":"{{string.Concat(Enumerable.Repeat("words ", 50))}}"}""");
        }

        await new SyncClient(a, plain).SyncAsync();
        var pulled = await new SyncClient(b, packed, new SyncOptions { PullPageSize = 120, ChecksumInterval = TimeSpan.Zero }).SyncAsync();
        Assert.Equal(300, b.List("note").Count);
        Assert.True(pulled.ChecksumMatched);
        Assert.Equal(a.Checksum(), b.Checksum());
    }

    private static readonly SyncOptions EverySync = new() { ChecksumInterval = TimeSpan.Zero };

    private static async Task RunAsync(string folder)
    {
        await using var server = await HostedServer.StartSqliteAsync();
        var tenant = await server.NewTenantAsync();
        using var transportA = new HttpSyncTransport(server.Host.BaseAddress, tenant.Owner, firstDelay: TimeSpan.FromMilliseconds(1));
        using var transportB = new HttpSyncTransport(server.Host.BaseAddress, tenant.Tokens["web"], firstDelay: TimeSpan.FromMilliseconds(1));
        using var a = LocalVault.Create(Path.Combine(folder, "a"), new VaultSettings(tenant.Id, "desktop"));
        using var b = LocalVault.Create(Path.Combine(folder, "b"), new VaultSettings(tenant.Id, "web"));
        for (var i = 0; i < 10; i++)
        {
            a.Put("note", $"n{i}", $$"""{"title":"t{{i}}"}""");
        }

        var first = await new SyncClient(a, transportA, EverySync).SyncAsync();
        Assert.True(first.ChecksumMatched);
        var synced = await new SyncClient(b, transportB, EverySync).SyncAsync();
        Assert.True(synced.ChecksumMatched);
        Assert.False(synced.Rebuilt);
        Assert.Equal(a.Checksum(), b.Checksum());

        await using (var db = new SqliteConnection($"Data Source={Path.Combine(folder, "b", "vault.db")};Pooling=false"))
        {
            await db.OpenAsync();
            await using var corrupt = db.CreateCommand();
            // The head is the row a replica loads (the payload column is a queryable copy cut from it): rot a register there.
            corrupt.CommandText = "UPDATE entities SET head = replace(head, '\"t3\"', '\"bit-rot\"') WHERE entity_id = 'n3'";
            Assert.Equal(1, await corrupt.ExecuteNonQueryAsync());
        }

        Assert.NotEqual(a.Checksum(), b.Checksum());
        var healed = await new SyncClient(b, transportB, EverySync).SyncAsync();
        Assert.True(healed.Rebuilt);
        Assert.True(healed.ChecksumMatched);
        Assert.Equal(a.Checksum(), b.Checksum());
        Assert.Equal("t3", b.Get("note", "n3")!.Text("title"));
    }
}
