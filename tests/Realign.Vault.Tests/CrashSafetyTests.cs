using Realign.Vault.Sync;

namespace Realign.Vault.Tests;

public sealed class CrashSafetyTests
{
    [Fact]
    public void LocalWrite_ReopenedWithoutDispose_IsStoredAndQueued()
    {
        using var dir = new TempDir();
        var path = dir.Sub("v");
        var first = LocalVault.Create(path, new VaultSettings("t1", "desktop"));
        first.Put("note", "n1", """{"title":"acknowledged"}""");
        using var second = LocalVault.Open(path);
        Assert.Equal("acknowledged", second.Get("note", "n1")!.Text("title"));
        Assert.Equal(1, second.Status().OutboxCount);
        Assert.Equal("ok", second.IntegrityCheck());
        first.Dispose();
    }

    [Fact]
    public async Task PushResponseLost_ReopenAndRetry_ReusesBatchIdAndAppliesOnce()
    {
        using var rig = new Rig();
        var (a, ca, transport) = rig.NewVault("a");
        a.Put("note", "n1", """{"title":"once"}""");
        a.Put("note", "n2", """{"title":"twice?"}""");
        transport.FailPushesBeforeSuccess = 1;
        await Assert.ThrowsAsync<SyncTransportException>(() => ca.SyncAsync());
        Assert.Equal(2, a.Status().InFlightCount);
        var versionBefore = rig.Server.Entity("note", "n1")!.Version;
        a = rig.Reopen(a);
        var summary = await new SyncClient(a, transport).SyncAsync();
        Assert.Equal(2, summary.Pushed);
        Assert.Equal(versionBefore, rig.Server.Entity("note", "n1")!.Version);
        Assert.Equal(0, a.Status().OutboxCount);
        Assert.Equal("ok", a.IntegrityCheck());
        Rig.AssertMatchesServer(a, rig.Server);
    }

    [Fact]
    public async Task PullInterruptedBetweenPages_ResumesFromLastAppliedPage()
    {
        using var rig = new Rig();
        var (a, ca, _) = rig.NewVault("a");
        for (var i = 0; i < 30; i++)
        {
            a.Put("note", $"n{i}", $$"""{"title":"{{i}}"}""");
        }

        await ca.SyncAsync();
        var (b, _, transport) = rig.NewVault("b", options: new SyncOptions { PullPageSize = 7 });
        var crashing = new SyncClient(b, transport, new SyncOptions { PullPageSize = 7 });
        var progress = new ThrowingProgress(afterReports: 2);
        await Assert.ThrowsAsync<InvalidOperationException>(() => crashing.SyncAsync(progress));
        var checkpoint = b.Status().Checkpoint;
        Assert.True(checkpoint > 0);
        Assert.Equal(14, b.List().Count);
        b = rig.Reopen(b);
        Assert.Equal(checkpoint, b.Status().Checkpoint);
        var summary = await new SyncClient(b, transport, new SyncOptions { PullPageSize = 7 }).SyncAsync();
        Assert.Equal(16, summary.Pulled);
        Assert.Equal("ok", b.IntegrityCheck());
        Rig.AssertConverged(a, b);
    }

    [Fact]
    public async Task Offline_WritesQueue_ThenSyncDeliversAll()
    {
        using var rig = new Rig();
        var (a, ca, transport) = rig.NewVault("a");
        transport.Offline = true;
        a.Put("note", "n1", """{"title":"offline 1"}""");
        a.Put("task", "t1", """{"title":"offline task","done":false}""");
        await Assert.ThrowsAsync<SyncTransportException>(() => ca.SyncAsync());
        transport.Offline = false;
        await ca.SyncAsync();
        Assert.NotNull(rig.Server.Entity("task", "t1"));
        Rig.AssertMatchesServer(a, rig.Server);
    }

    [Fact]
    public async Task TwentyCrashesAtRandomPoints_NoAcknowledgedChangeLost_Converges()
    {
        using var rig = new Rig();
        var (a, _, transportA) = rig.NewVault("a");
        var (b, cb, _) = rig.NewVault("b", "cli");
        var expected = new Dictionary<string, string>();
        var options = new SyncOptions { PushBatchSize = 3, PullPageSize = 4 };
        var flaky = new FlakyTransport(transportA, seed: 42, failure: 0.3);
        var crashes = 0;
        for (var round = 0; round < 20; round++)
        {
            for (var i = 0; i < 5; i++)
            {
                var id = $"n{(round * 3 + i) % 12}";
                var title = $"r{round}-{i}";
                a.Put("note", id, $$"""{"title":"{{title}}"}""");
                expected[id] = title;
            }

            try
            {
                await new SyncClient(a, flaky, options).SyncAsync();
            }
            catch (SyncTransportException)
            {
                crashes++;
            }

            a = rig.Reopen(a);
            Assert.Equal("ok", a.IntegrityCheck());
        }

        flaky.Enabled = false;
        await new SyncClient(a, flaky, options).SyncAsync();
        await cb.SyncAsync();
        Assert.True(crashes >= 5);
        foreach (var (id, title) in expected)
        {
            Assert.Equal(title, a.Get("note", id)!.Text("title"));
            Assert.Equal(title, b.Get("note", id)!.Text("title"));
        }

        Assert.Equal(0, a.Status().OutboxCount);
        Assert.Empty(rig.Server.Conflicts("all"));
        Rig.AssertMatchesServer(a, rig.Server);
        Rig.AssertConverged(a, b);
    }

    private sealed class ThrowingProgress(int afterReports) : IProgress<SyncProgress>
    {
        private int _reports;

        public void Report(SyncProgress value)
        {
            if (value.Phase == "pull" && ++_reports >= afterReports)
            {
                throw new InvalidOperationException("simulated crash");
            }
        }
    }
}
