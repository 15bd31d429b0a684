using Realign.Core.Contract;

namespace Realign.EndToEnd.Tests.Vault;

public abstract class TwoVaultsOverHttpContract
{
    protected abstract Backend Backend { get; }

    protected virtual bool Runs => true;

    [BackendTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TwoVaultsEditOffline_EitherSyncOrder_IdenticalRegistersConflictsOnBothNothingLost(bool aFirst)
    {
        if (!Runs)
        {
            return;
        }

        await using var server = await HostedServer.StartAsync(Backend, LiveTenant.Options);
        using var tenant = await LiveTenant.CreateAsync(server);
        var a = await tenant.NewVaultAsync("a", "desktop");
        var b = await tenant.NewVaultAsync("b", "web");
        a.Vault.Put("note", "same", """{"title":"start","body":"s"}""");
        a.Vault.Put("note", "split", """{"title":"start","body":"s"}""");
        a.Vault.Put("note", "gone", """{"title":"start","body":"s"}""");
        await a.SyncAsync();
        await b.SyncAsync();
        Assert.Equal(3, b.Vault.List("note").Count);

        a.Vault.Put("note", "same", """{"title":"title from A"}""");
        b.Vault.Put("note", "same", """{"title":"title from B"}""");
        a.Vault.Put("note", "split", """{"title":"title from A"}""");
        b.Vault.Put("note", "split", """{"body":"body from B"}""");
        a.Vault.Delete("note", "gone");
        b.Vault.Put("note", "gone", """{"body":"edited by B"}""");
        b.Vault.Put("note", "b-only", """{"title":"new in B"}""");

        var (first, second) = aFirst ? (a, b) : (b, a);
        await first.SyncAsync();
        await second.SyncAsync();
        await first.SyncAsync();

        await Converge.AssertIdenticalAsync(tenant, a, b);
        foreach (var v in new[] { a, b })
        {
            var split = v.Vault.Get("note", "split")!;
            Assert.Equal("title from A", split.Text("title"));
            Assert.Equal("body from B", split.Text("body"));
            Assert.Equal("new in B", v.Vault.Get("note", "b-only")!.Text("title"));
            var gone = v.Vault.Get("note", "gone")!;
            Assert.Equal("\"edited by B\"", gone.State.FindField("body")!.User!.Value.Value);

            var conflict = Assert.Single(v.Vault.Conflicts(), c => c.EntityId == "same" && c.Field == "title");
            var values = new[] { conflict.Winner!.Value!.Value.GetString(), conflict.Loser!.Value!.Value.GetString() };
            Assert.Contains("title from A", values);
            Assert.Contains("title from B", values);
            Assert.Equal(conflict.Winner.Value.Value.GetString(), v.Vault.Get("note", "same")!.Text("title"));
        }

        var ids = a.Vault.Conflicts().Select(c => c.ConflictId).Order().ToList();
        Assert.Equal(ids, b.Vault.Conflicts().Select(c => c.ConflictId).Order().ToList());
    }
}
