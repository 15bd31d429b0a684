using Realign.Core.Contract;
using Realign.Core.Rules;
using Realign.Vault.Sync;

namespace Realign.Vault.Tests;

public sealed class HttpTransportTests
{
    [Fact]
    public async Task TwoVaultsOverHttp_EditAndSync_Converge()
    {
        var model = new InMemoryServer();
        await using var server = await LoopbackServer.StartAsync(model);
        using var dir = new TempDir();
        using var ta = new HttpSyncTransport(server.Address, model.AddToken(PrincipalKind.UserDevice, "desktop", true), firstDelay: TimeSpan.FromMilliseconds(1));
        using var tb = new HttpSyncTransport(server.Address, model.AddToken(PrincipalKind.UserDevice, "cli", true), firstDelay: TimeSpan.FromMilliseconds(1));
        var me = await ta.GetMeAsync(CancellationToken.None);
        Assert.Equal("t1", me.TenantId);
        Assert.Equal("desktop", me.Channel);
        using var a = LocalVault.Create(dir.Sub("a"), new VaultSettings(me.TenantId, me.Channel!, me.VaultMode));
        using var b = LocalVault.Create(dir.Sub("b"), new VaultSettings("t1", "cli"));
        a.Put("note", "n1", """{"title":"over http"}""");
        a.Put("note", "big", $$"""{"body":"{{new string('y', 300_000)}}"}""");
        var sa = await new SyncClient(a, ta).SyncAsync();
        Assert.Equal(1, sa.SetAside);
        Assert.Equal("payload-too-large", Assert.Single(a.SetAside()).Code);
        b.Put("note", "n1", """{"title":"from b"}""");
        await new SyncClient(b, tb).SyncAsync();
        await new SyncClient(a, ta).SyncAsync();
        Assert.Equal("from b", a.Get("note", "n1")!.Text("title"));
        Assert.Single(a.Conflicts());
        Assert.True(a.Get("note", "n1")!.State.SameRegisters(model.Entity("note", "n1")!));
        Assert.Null(model.Entity("note", "big"));
    }

    [Fact]
    public async Task TransientFailures_429And503_RetriedThenSucceed()
    {
        var model = new InMemoryServer();
        await using var server = await LoopbackServer.StartAsync(model);
        using var dir = new TempDir();
        using var t = new HttpSyncTransport(server.Address, model.AddToken(PrincipalKind.UserDevice, "desktop", true), firstDelay: TimeSpan.FromMilliseconds(1));
        using var v = LocalVault.Create(dir.Sub("a"), new VaultSettings("t1", "desktop"));
        v.Put("note", "n1", """{"title":"retry me"}""");
        server.TransientFailuresLeft = 3;
        var summary = await new SyncClient(v, t).SyncAsync();
        Assert.Equal(1, summary.Pushed);
        Assert.NotNull(model.Entity("note", "n1"));
    }

    [Fact]
    public async Task UnknownToken_ClearErrorNoRetryStorm()
    {
        var model = new InMemoryServer();
        await using var server = await LoopbackServer.StartAsync(model);
        using var t = new HttpSyncTransport(server.Address, "rlt_wrong", firstDelay: TimeSpan.FromMilliseconds(1));
        var ex = await Assert.ThrowsAsync<SyncTransportException>(() => t.GetMeAsync(CancellationToken.None));
        Assert.Equal(401, ex.Status);
        Assert.Contains("refused the token", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Gone_ResyncFromZero()
    {
        var model = new InMemoryServer();
        await using var server = await LoopbackServer.StartAsync(model);
        using var dir = new TempDir();
        using var t = new HttpSyncTransport(server.Address, model.AddToken(PrincipalKind.UserDevice, "desktop", true), firstDelay: TimeSpan.FromMilliseconds(1));
        using var v = LocalVault.Create(dir.Sub("a"), new VaultSettings("t1", "desktop"));
        v.Put("note", "n1", """{"title":"x"}""");
        await new SyncClient(v, t).SyncAsync();
        v.Put("note", "n2", """{"title":"y"}""");
        model.PurgeHorizon = 50;
        var summary = await new SyncClient(v, t).SyncAsync();
        Assert.True(summary.Resynced);
        Assert.Equal(2, v.List("note").Count);
    }
}
