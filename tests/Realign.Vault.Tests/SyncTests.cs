using Microsoft.Extensions.Time.Testing;
using Realign.Core.Truth;
using Realign.Vault.Sync;

namespace Realign.Vault.Tests;

public sealed class SyncTests
{
    [Fact]
    public async Task TwoVaults_DifferentFieldsOffline_ConvergeWithoutConflict()
    {
        using var rig = new Rig();
        var (a, ca, _) = rig.NewVault("a");
        var (b, cb, _) = rig.NewVault("b");
        a.Put("note", "n1", """{"title":"Plan","body":"first"}""");
        await ca.SyncAsync();
        await cb.SyncAsync();
        a.Put("note", "n1", """{"title":"Plan v2"}""");
        b.Put("note", "n1", """{"body":"second"}""");
        await cb.SyncAsync();
        var summary = await ca.SyncAsync();
        await cb.SyncAsync();
        Rig.AssertConverged(a, b);
        Assert.Equal("Plan v2", b.Get("note", "n1")!.Text("title"));
        Assert.Equal("second", a.Get("note", "n1")!.Text("body"));
        Assert.Equal(0, summary.Conflicts);
        Assert.Empty(a.Conflicts());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TwoVaults_SameFieldOffline_ConflictListedOnBothAndBothValuesKept(bool aFirst)
    {
        using var rig = new Rig();
        var (a, ca, _) = rig.NewVault("a");
        var (b, cb, _) = rig.NewVault("b", "cli");
        a.Put("note", "n1", """{"title":"Start"}""");
        await ca.SyncAsync();
        await cb.SyncAsync();
        a.Put("note", "n1", """{"title":"From A"}""");
        b.Put("note", "n1", """{"title":"From B"}""");
        var (first, second) = aFirst ? (ca, cb) : (cb, ca);
        await first.SyncAsync();
        await second.SyncAsync();
        await first.SyncAsync();
        Rig.AssertConverged(a, b);
        Rig.AssertMatchesServer(a, rig.Server);
        var conflict = Assert.Single(a.Conflicts());
        Assert.Equal(conflict.ConflictId, Assert.Single(b.Conflicts()).ConflictId);
        var values = new[] { conflict.Winner!.Value!.Value.GetString(), conflict.Loser!.Value!.Value.GetString() };
        Assert.Contains("From A", values);
        Assert.Contains("From B", values);
        Assert.Equal("From B", a.Get("note", "n1")!.Text("title"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DeleteAgainstEdit_OfflineBothOrders_ConvergeIdentically(bool deleteFirst)
    {
        using var rig = new Rig();
        var (a, ca, _) = rig.NewVault("a");
        var (b, cb, _) = rig.NewVault("b", "cli");
        a.Put("note", "n1", """{"title":"Doomed"}""");
        a.Put("note", "n2", """{"title":"Kept"}""");
        await ca.SyncAsync();
        await cb.SyncAsync();
        a.Delete("note", "n1");
        b.Put("note", "n1", """{"body":"edited"}""");
        b.Delete("note", "n2");
        var (first, second) = deleteFirst ? (ca, cb) : (cb, ca);
        await first.SyncAsync();
        await second.SyncAsync();
        await first.SyncAsync();
        Rig.AssertConverged(a, b);
        Rig.AssertMatchesServer(b, rig.Server);
        Assert.True(a.Get("note", "n2")!.IsDeleted);
        Assert.Equal(a.Get("note", "n1")!.IsDeleted, b.Get("note", "n1")!.IsDeleted);
    }

    [Fact]
    public async Task TwoEditsOfOneFieldBeforeSync_Coalesced_NoSelfConflict()
    {
        using var rig = new Rig();
        var (a, ca, _) = rig.NewVault("a");
        a.Put("note", "n1", """{"title":"one","body":"b"}""");
        await ca.SyncAsync();
        a.Put("note", "n1", """{"title":"two"}""");
        a.Put("note", "n1", """{"title":"three","tags":["x"]}""");
        Assert.Equal(1, a.Status().OutboxCount);
        var summary = await ca.SyncAsync();
        Assert.Equal(0, summary.Conflicts);
        a.Put("note", "n1", """{"title":"four"}""");
        await ca.SyncAsync();
        Assert.Empty(rig.Server.Conflicts("all"));
        Assert.Equal("four", a.Get("note", "n1")!.Text("title"));
        Rig.AssertMatchesServer(a, rig.Server);
    }

    [Fact]
    public async Task EditPullEditThenPush_SameField_NoSelfConflict()
    {
        using var rig = new Rig();
        var (a, ca, _) = rig.NewVault("a");
        var (b, cb, _) = rig.NewVault("b", "cli");
        a.Put("note", "n1", """{"title":"t0","body":"b0"}""");
        await ca.SyncAsync();
        await cb.SyncAsync();
        b.Put("note", "n1", """{"body":"b1"}""");
        await cb.SyncAsync();
        a.Put("note", "n1", """{"title":"t1"}""");
        await ca.PullAsync();
        a.Put("note", "n1", """{"title":"t2"}""");
        Assert.Equal(2, a.Status().OutboxCount);
        await ca.SyncAsync();
        await cb.SyncAsync();
        Assert.Empty(rig.Server.Conflicts("all"));
        Assert.Equal("t2", b.Get("note", "n1")!.Text("title"));
        Assert.Equal("b1", a.Get("note", "n1")!.Text("body"));
        Rig.AssertConverged(a, b);
    }

    [Fact]
    public async Task RefusedItem_SetAsideWithReason_RestOfQueueSyncs()
    {
        using var rig = new Rig();
        var (a, ca, _) = rig.NewVault("a");
        a.Put("note", "ok1", """{"title":"fine"}""");
        a.Put("note", "huge", $$"""{"body":"{{new string('x', 300_000)}}"}""");
        a.Put("note", "ok2", """{"title":"also fine"}""");
        var summary = await ca.SyncAsync();
        Assert.Equal(1, summary.SetAside);
        Assert.Equal(2, summary.Pushed);
        var aside = Assert.Single(a.SetAside());
        Assert.Equal("huge", aside.EntityId);
        Assert.Equal("payload-too-large", aside.Code);
        Assert.NotNull(rig.Server.Entity("note", "ok1"));
        Assert.NotNull(rig.Server.Entity("note", "ok2"));
        Assert.Null(rig.Server.Entity("note", "huge"));
        Assert.Equal(0, a.Status().OutboxCount);
    }

    [Fact]
    public async Task RequestTooLargeWithoutItemErrors_BatchSplit_AllPushed()
    {
        using var rig = new Rig();
        rig.Server.MaxItemsPerRequest = 3;
        var (a, ca, _) = rig.NewVault("a");
        for (var i = 0; i < 10; i++)
        {
            a.Put("note", $"n{i}", $$"""{"title":"{{i}}"}""");
        }

        var summary = await ca.SyncAsync();
        Assert.Equal(10, summary.Pushed);
        Assert.Equal(0, summary.SetAside);
        Rig.AssertMatchesServer(a, rig.Server);
    }

    [Fact]
    public async Task ResyncRequired_PullRestartsFromZero_AndConverges()
    {
        using var rig = new Rig();
        var (a, ca, _) = rig.NewVault("a");
        var (b, cb, _) = rig.NewVault("b");
        a.Put("note", "n1", """{"title":"x"}""");
        await ca.SyncAsync();
        await cb.SyncAsync();
        a.Put("note", "n2", """{"title":"y"}""");
        await ca.SyncAsync();
        rig.Server.PurgeHorizon = 100;
        var summary = await cb.SyncAsync();
        Assert.True(summary.Resynced);
        Rig.AssertConverged(a, b);
    }

    [Fact]
    public async Task ManyPages_PulledIntoFreshVault_AllArrive()
    {
        using var rig = new Rig();
        var (a, ca, _) = rig.NewVault("a", options: new SyncOptions { PushBatchSize = 7, PullPageSize = 9 });
        for (var i = 0; i < 50; i++)
        {
            a.Put("note", $"n{i}", $$"""{"title":"note {{i}}"}""");
        }

        await ca.SyncAsync();
        var (b, cb, _) = rig.NewVault("b", options: new SyncOptions { PullPageSize = 9 });
        var summary = await cb.SyncAsync();
        Assert.Equal(50, summary.Pulled);
        Rig.AssertConverged(a, b);
    }

    [Fact]
    public void Clock_WallClockGoesBackwards_StampsStillIncrease()
    {
        using var rig = new Rig();
        var time = new SettableTime(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
        var (a, _, _) = rig.NewVault("a", time: time);
        var first = a.Put("note", "n1", """{"title":"1"}""");
        time.Now = time.Now.AddHours(-2);
        var second = a.Put("note", "n1", """{"title":"2"}""");
        var third = a.Put("note", "n2", """{"title":"3"}""");
        Assert.True(second > first);
        Assert.True(third > second);
        Assert.Equal("2", a.Get("note", "n1")!.Text("title"));
        a = rig.Reopen(a, time);
        var fourth = a.Put("note", "n1", """{"title":"4"}""");
        Assert.True(fourth > third);
    }

    [Fact]
    public async Task Clock_AfterPullingALaterStamp_NextEditRanksAfterIt()
    {
        using var rig = new Rig();
        var ahead = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(2));
        var behind = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-30));
        var (a, ca, _) = rig.NewVault("a", time: ahead);
        var (b, cb, _) = rig.NewVault("b", "cli", time: behind);
        var remote = a.Put("note", "n1", """{"title":"ahead"}""");
        await ca.SyncAsync();
        await cb.SyncAsync();
        var local = b.Put("note", "n1", """{"title":"after seeing it"}""");
        Assert.True(local > remote);
        await cb.SyncAsync();
        await ca.SyncAsync();
        Assert.Equal("after seeing it", a.Get("note", "n1")!.Text("title"));
        Assert.Empty(rig.Server.Conflicts("all"));
    }

    [Fact]
    public void UserWrite_Stamped_LevelOneOnVaultChannel()
    {
        using var rig = new Rig();
        var (a, _, _) = rig.NewVault("a", "cli");
        a.Put("task", "t1", """{"title":"do"}""");
        var stamp = a.Get("task", "t1")!.State.FindField("title")!.Effective!.Value.Stamp;
        Assert.Equal(TruthLevel.User, stamp.Level);
        Assert.Equal("user:cli", stamp.Origin);
    }
}
