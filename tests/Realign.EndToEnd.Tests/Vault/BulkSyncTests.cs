using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace Realign.EndToEnd.Tests.Vault;

public sealed class BulkSyncTests(ITestOutputHelper output)
{
    [BackendTheory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.Postgres)]
    public async Task ManyNotesUpFromOneVaultDownIntoFreshVault_OverHttp_AllArriveAndTimesReported(Backend backend)
    {
        if (backend == Backend.Postgres && !PostgresServer.Available())
        {
            return;
        }

        var count = int.TryParse(Environment.GetEnvironmentVariable("REALIGN_E2E_NOTES"), CultureInfo.InvariantCulture, out var n) ? n : 1000;
        await using var server = await HostedServer.StartAsync(backend, LiveTenant.Options);
        using var tenant = await LiveTenant.CreateAsync(server);
        var a = await tenant.NewVaultAsync("a", "desktop");
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            a.Vault.Put("note", $"n{i:D5}", $$"""{"title":"note {{i}}","body":"body of note {{i}} with some text to carry","tags":["bulk"]}""");
        }

        var write = clock.Elapsed;
        clock.Restart();
        var up = await a.SyncAsync();
        var upTime = clock.Elapsed;
        var fresh = await tenant.NewVaultAsync("fresh", "web");
        clock.Restart();
        var down = await fresh.SyncAsync();
        var downTime = clock.Elapsed;

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{backend}: {count} notes; local writes {write.TotalSeconds:F2} s; sync up (push + pull back) {upTime.TotalSeconds:F2} s; sync down into a fresh vault {downTime.TotalSeconds:F2} s"));
        Assert.Equal(count, up.Pushed);
        Assert.Equal(count, down.Pulled);
        Assert.Equal(count, fresh.Vault.List("note").Count);
        Assert.Equal(0, a.Vault.Status().OutboxCount);
    }
}
