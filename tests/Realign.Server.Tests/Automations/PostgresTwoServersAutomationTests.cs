using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Realign.Storage;
using Realign.Server.Automations;

namespace Realign.Server.Tests.Automations;

/// <summary>Two servers on one PostgreSQL database: one runner per tenant, each follow-up written once, across a handover.</summary>
[RequiresPostgres]
public sealed class PostgresTwoServersAutomationTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private const int NotesPerBurst = 30;

    [BackendFact]
    public async Task TwoServers_ABurstOfNotesThenAHandover_EachFollowUpOnce_AndNeverTwoPassesOfTheTenantAtOnce()
    {
        if (database.ConnectionString is not { } cs) { return; }
        var options = new RealignServerOptions
        {
            PostgresConnectionString = cs,
            AutomationPollInterval = TimeSpan.FromMilliseconds(200),
            AutomationLease = TimeSpan.FromSeconds(10),
            RateLimitPermits = 1_000_000,
        };
        var servers = new List<HostedServer> { await HostedServer.StartAsync(options), await HostedServer.StartAsync(options) };
        try
        {
            var services = servers.Select(s => s.Host.Services.GetRequiredService<AutomationService>()).ToList();
            var first = await AutomatedTenant.NewAsync(servers[0]);
            var onSecond = new AutomatedTenant(servers[1], first.Tenant);
            await first.RuleAsync("r1", """{"on":"created","type":"note"}""", """[{"do":"create_task","title":"Follow up: {title}"}]""");

            await using var observer = await ReplicaStores.OpenPostgresAsync(cs);
            var owners = new ConcurrentQueue<string?>();
            using var stopSampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!stopSampling.IsCancellationRequested)
                {
                    owners.Enqueue((await observer.FindRunnerAsync(first.Id))?.LeaseOwner);
                    await Task.Delay(10);
                }
            });

            await Task.WhenAll(Enumerable.Range(0, NotesPerBurst / 3).Select(b => (b % 2 == 0 ? first : onSecond).NotesAsync($"first {b} a", $"first {b} b", $"first {b} c")));
            await onSecond.UntilAsync("task", NotesPerBurst);

            var holder = (await servers[0].Store.FindRunnerAsync(first.Id))!.LeaseOwner;
            var stoppedAt = Stopwatch.GetTimestamp();
            var stopping = services.FindIndex(s => s.Owner == holder);
            Assert.True(stopping >= 0, "the lease is held by one of the two servers");
            await servers[stopping].DisposeAsync();
            var remaining = servers[1 - stopping];
            servers.RemoveAt(stopping);
            var tenant = stopping == 0 ? onSecond : first;

            await Task.WhenAll(Enumerable.Range(0, NotesPerBurst / 3).Select(b => tenant.NotesAsync($"second {b} a", $"second {b} b", $"second {b} c")));
            var tasks = await tenant.UntilAsync("task", 2 * NotesPerBurst);
            List<PassRecord> Passes() => [.. services.SelectMany(s => s.Passes.History).Where(p => p.TenantId == first.Id).OrderBy(p => p.StartedTimestamp)];
            await Eventually.UntilAsync(() => Task.FromResult(Passes().Sum(p => p.Runs.Count) >= 2 * NotesPerBurst), "the runs of every note in the pass history");
            await tenant.FullRoundsAsync();
            await stopSampling.CancelAsync();
            await sampler;

            var notes = await tenant.PullAsync("note");
            Assert.Equal(2 * NotesPerBurst, notes.Count);
            Assert.Equal(notes.Select(n => n.GetProperty("entity_id").GetString()).Order(StringComparer.Ordinal),
                tasks.Select(t => t.GetProperty("payload").GetProperty("source_id").GetString()).Order(StringComparer.Ordinal));
            Assert.All(tasks, t => Assert.Equal("automation:rule-r1", t.GetProperty("origin_source").GetString()));

            var passes = Passes();
            var origin = passes[0].StartedTimestamp;
            string Ms(long t) => ((t - origin) * 1000 / Stopwatch.Frequency).ToString(CultureInfo.InvariantCulture);
            var story = string.Join("; ", passes.Select(p => $"pass of {p.Owner[^6..]} {Ms(p.StartedTimestamp)}-{Ms(p.EndedTimestamp)} ms: {p.Changes} changes, {p.Runs.Count} runs")
                .Concat(services.SelectMany(s => s.Incidents.Where(i => i.TenantId == first.Id).Select(i => $"{s.Owner[^6..]} at {Ms(i.Timestamp)} ms: {i.What}")))
                .Append($"{holder?[^6..]} stopped at {Ms(stoppedAt)} ms"));
            var runs = passes.SelectMany(p => p.Runs).Where(r => r.RuleId == "r1").ToList();
            Assert.True(runs.Count == 2 * NotesPerBurst, $"{runs.Count} runs of r1: {story}");
            Assert.Equal(2 * NotesPerBurst, runs.Select(r => r.EntityId).Distinct().Count());
            for (var i = 1; i < passes.Count; i++)
            {
                Assert.True(passes[i - 1].EndedTimestamp <= passes[i].StartedTimestamp,
                    $"two passes at once: {story}");
            }

            Assert.True(passes.Any(p => p.Owner == holder) && passes.Any(p => p.Owner == services[1 - stopping].Owner), $"both servers ran passes: {story}");
            var held = owners.Where(o => o is not null).Aggregate(new List<string>(), (runsOf, o) =>
            {
                if (runsOf.Count == 0 || runsOf[^1] != o)
                {
                    runsOf.Add(o!);
                }

                return runsOf;
            });
            Assert.Equal([holder!, services[1 - stopping].Owner], held);
            Assert.Equal(services[1 - stopping].Owner, (await remaining.Store.FindRunnerAsync(first.Id))!.LeaseOwner);
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }
}
