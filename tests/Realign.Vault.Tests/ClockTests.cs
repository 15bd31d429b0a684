using Realign.Vault.Clock;

namespace Realign.Vault.Tests;

public sealed class ClockTests
{
    [Fact]
    public void Next_WallClockStandsStill_CountsUpByOneMicrosecond()
    {
        var time = new SettableTime(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var clock = new HybridLogicalClock(time);
        var a = clock.Next();
        var b = clock.Next();
        Assert.Equal(a.Micros + 1, b.Micros);
    }

    [Fact]
    public void Observe_RemoteAhead_NextRanksAfterIt()
    {
        var time = new SettableTime(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var clock = new HybridLogicalClock(time);
        var remote = clock.Next().Micros + 60_000_000;
        clock.Observe(remote);
        Assert.True(clock.Next().Micros > remote);
    }

    [Fact]
    public void TwoInstancesOnOneVault_StampsStayIncreasing()
    {
        using var dir = new TempDir();
        var time = new SettableTime(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
        var path = dir.Sub("v");
        using var first = LocalVault.Create(path, new VaultSettings("t1", "desktop"), time);
        using var second = LocalVault.Open(path, time);
        var a = first.Put("note", "n1", """{"title":"1"}""");
        time.Now = time.Now.AddMinutes(-10);
        var b = second.Put("note", "n1", """{"title":"2"}""");
        var c = first.Put("note", "n1", """{"title":"3"}""");
        Assert.True(b > a);
        Assert.True(c > b);
        Assert.Equal("3", second.Get("note", "n1")!.Text("title"));
    }
}
