using System.Collections.Concurrent;
using System.Diagnostics;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Rules;
using Realign.EndToEnd.Tests.Convergence;
using Realign.EndToEnd.Tests.Harness;
using Realign.Server;
using Xunit.Abstractions;

namespace Realign.EndToEnd.Tests.Faults;

public sealed class NetworkFaultTests(ITestOutputHelper output)
{
    private const int Clients = 4;
    private const int BatchesPerClient = 40;
    private const int ItemsPerBatch = 5;
    private static readonly TimeSpan DrainBound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ClientsThroughFaultProxy_EveryFaultKind_OutboxesDrainAfterFaultsStopNothingLostOrAppliedTwice()
    {
        await using var server = await HostedServer.StartSqliteAsync(new RealignServerOptions { RateLimitPermits = 1_000_000 });
        var tenant = await server.NewTenantAsync();
        await using var proxy = await FaultProxy.StartAsync(server.Host.BaseAddress, new FaultPlan(5, 0.35));
        using var api = new Api(proxy.BaseAddress);
        var scope = PrincipalScope.For(tenant.Id, tenant.PrincipalIds["owner"], PrincipalKind.UserDevice, "desktop", true);
        var clients = Enumerable.Range(0, Clients).Select(c => new Replica($"client{c}", tenant.Id, tenant.Owner, scope)).ToList();
        var responses = new ConcurrentBag<PushResponse>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select((client, c) => Task.Run(async () =>
        {
            var random = new Random(c);
            for (var b = 0; b < BatchesPerClient; b++)
            {
                client.Write($"c{c}-b{b}", Enumerable.Range(0, ItemsPerBatch).Select(i => Wire.Item($"c{c}-b{b}-i{i}", 1, "user:desktop", b, $$"""{"c":{{c}},"b":{{b}},"i":{{i}}}""")).ToArray());
                foreach (var batch in client.Outbox.Take(1).ToList())
                {
                    if (await client.PushAsync(api, batch) is { } response)
                    {
                        responses.Add(response);
                    }
                }

                if (random.Next(4) == 0)
                {
                    await client.PullAllAsync(api);
                }
            }
        })));
        var faulted = proxy.Counts.Where(c => c.Key != FaultKind.Pass).Sum(c => c.Value);
        var pendingAtStop = clients.Sum(c => c.Outbox.Count);
        proxy.Plan.Enabled = false;
        var drain = Stopwatch.StartNew();
        while (clients.Any(c => c.Outbox.Count > 0))
        {
            Assert.True(drain.Elapsed < DrainBound, $"outboxes not drained within {DrainBound.TotalSeconds} s");
            foreach (var client in clients)
            {
                foreach (var batch in client.Outbox.ToList())
                {
                    if (await client.PushAsync(api, batch) is { } response)
                    {
                        responses.Add(response);
                    }
                }
            }
        }

        var drained = drain.Elapsed;
        foreach (var client in clients)
        {
            Assert.True(await client.PullAllAsync(api));
        }

        var model = History.Model(tenant.Id, clients.SelectMany(c => c.Written).SelectMany(b => b.Writes));
        Assert.Equal(Clients * BatchesPerClient * ItemsPerBatch, model.Count);
        foreach (var client in clients)
        {
            Assert.Equal(model.Count, client.States.Count);
            Assert.All(model, m => Assert.True(client.Find(m.Key.Item1, m.Key.Item2)!.SameRegisters(m.Value)));
        }

        Assert.Equal(Clients * BatchesPerClient, responses.Select(r => r.BatchId).Distinct().Count());
        Assert.All(responses, r => Assert.All(r.Results, i => Assert.Equal(ItemOutcome.Applied, i.Outcome)));
        var tenantRow = await server.Store.FindTenantAsync(tenant.Id);
        Assert.Equal(model.Count, tenantRow!.Seq);
        Assert.All(Enum.GetValues<FaultKind>().Where(k => k != FaultKind.Pass), k => Assert.True(proxy.Counts.GetValueOrDefault(k) > 0, $"no {k} injected"));
        output.WriteLine($"{Clients} clients, {Clients * BatchesPerClient} batches, {faulted} faults injected ({string.Join(", ", proxy.Counts.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"))}), {pendingAtStop} batches pending when faults stopped, drained in {drained.TotalMilliseconds:F0} ms (bound {DrainBound.TotalSeconds} s), {responses.Count(r => r.Replayed)} acknowledgements by replay, total {clock.Elapsed.TotalSeconds:F1} s");
    }
}
