using System.Diagnostics;
using Realign.EndToEnd.Tests.Faults;
using Realign.EndToEnd.Tests.Harness;
using Realign.Server;
using Realign.Vault;
using Realign.Vault.Sync;
using Xunit.Abstractions;

namespace Realign.EndToEnd.Tests.Vaults;

public sealed class VaultNetworkFaultTests(ITestOutputHelper output)
{
    private const int Vaults = 3;
    private const int NotesPerVault = 40;
    private static readonly TimeSpan DrainBound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task RealVaultsThroughFaultProxy_EveryFaultKind_OutboxesDrainAndVaultsMatchTheServer()
    {
        await using var server = await HostedServer.StartSqliteAsync(new RealignServerOptions { RateLimitPermits = 1_000_000 });
        var tenant = await server.NewTenantAsync();
        await using var proxy = await FaultProxy.StartAsync(server.Host.BaseAddress, new FaultPlan(21, 0.35));
        using var folder = new TempDir("realign-vaultfaults-");
        string[] tokens = ["owner", "web", "cli"];
        var transports = tokens.Select(t => new HttpSyncTransport(proxy.BaseAddress, tenant.Tokens[t], maxRetries: 2, firstDelay: TimeSpan.FromMilliseconds(1))).ToList();
        var vaults = tokens.Select((t, i) => LocalVault.Create(folder.Sub(t), new VaultSettings(tenant.Id, i == 0 ? "desktop" : t))).ToList();
        try
        {
            var failedSyncs = 0;
            for (var n = 0; n < NotesPerVault; n++)
            {
                for (var v = 0; v < Vaults; v++)
                {
                    vaults[v].Put("note", $"v{v}-n{n}", $$"""{"title":"note {{n}} of vault {{v}}"}""");
                    vaults[v].Put("note", "shared", $$"""{"v{{v}}":"{{n}}"}""");
                    if (n % 4 == v)
                    {
                        try
                        {
                            await new SyncClient(vaults[v], transports[v], new SyncOptions { PushBatchSize = 5 }).SyncAsync();
                        }
                        catch (SyncTransportException)
                        {
                            failedSyncs++;
                        }
                    }
                }
            }

            var pending = vaults.Sum(v => v.Status().OutboxCount);
            var faults = proxy.Counts.Where(c => c.Key != FaultKind.Pass).Sum(c => c.Value);
            proxy.Plan.Enabled = false;
            var drain = Stopwatch.StartNew();
            foreach (var vault in vaults.Concat(vaults))
            {
                var summary = await new SyncClient(vault, transports[vaults.IndexOf(vault)]).SyncAsync();
                Assert.Equal(0, summary.SetAside);
            }

            Assert.All(vaults, v => Assert.Equal(0, v.Status().OutboxCount));
            Assert.True(drain.Elapsed < DrainBound, $"drain took {drain.Elapsed}");
            var finals = new List<SyncSummary>();
            foreach (var (vault, i) in vaults.Select((v, i) => (v, i)))
            {
                finals.Add(await new SyncClient(vault, transports[i], new SyncOptions { ChecksumInterval = TimeSpan.Zero }).SyncAsync());
            }

            Assert.All(finals, f => Assert.True(f.ChecksumMatched));
            var serverSum = (await server.Api.GetAsync("/sync/checksum", tenant.Owner)).Json;
            Assert.Equal(Vaults * NotesPerVault + 1, serverSum.GetProperty("entities").GetInt64());
            Assert.All(vaults, v => Assert.Equal(serverSum.GetProperty("checksum").GetString(), v.Checksum()));
            for (var v = 0; v < Vaults; v++)
            {
                Assert.Equal(NotesPerVault - 1, int.Parse(vaults[0].Get("note", "shared")!.Text($"v{v}")!, System.Globalization.CultureInfo.InvariantCulture));
            }

            Assert.All(Enum.GetValues<FaultKind>().Where(k => k != FaultKind.Pass), k => Assert.True(proxy.Counts.GetValueOrDefault(k) > 0, $"no {k} injected"));
            output.WriteLine($"{Vaults} vaults x {NotesPerVault} notes + a shared note, {faults} faults injected ({string.Join(", ", proxy.Counts.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"))}), {failedSyncs} syncs gave up during faults, {pending} changes pending when faults stopped, drained in {drain.ElapsedMilliseconds} ms (bound {DrainBound.TotalSeconds} s); every vault equals the server's checksum");
        }
        finally
        {
            vaults.ForEach(v => v.Dispose());
            transports.ForEach(t => t.Dispose());
        }
    }
}
