using System.Collections.Concurrent;
using System.Diagnostics;
using Realign.EndToEnd.Tests.Harness;
using Realign.EndToEnd.Tests.Security;
using Realign.Server;
using Realign.Storage;
using Xunit.Abstractions;

namespace Realign.EndToEnd.Tests.Hostile;

public sealed class HostileInputTests(ITestOutputHelper output)
{
    private const int SyncLanes = 4;

    [Fact]
    public async Task EveryEndpoint_TenThousandHostileRequests_NoServerErrorAndRefusedChangeNothing()
    {
        await using var server = await HostedServer.StartSqliteAsync(new RealignServerOptions { RateLimitPermits = 10_000_000 });
        var endpoints = EndpointSweep.ForApp(server);
        var lanes = new List<(List<HostileRequest> Requests, Func<Task<string>>? Snapshot)>();
        for (var lane = 0; lane < SyncLanes; lane++)
        {
            var seeded = await SeededTenant.CreateAsync(server);
            lanes.Add((Lane(endpoints, SweepAccess.Tenant, new HostileTarget(seeded, server.Admin, 1000 * (lane + 1))), async () => (await TenantSnapshot.TakeAsync(server.Store, seeded.Tenant.Id)).ToString()));
        }

        var target = await SeededTenant.CreateAsync(server);
        lanes.Add((Lane(endpoints, SweepAccess.Admin, new HostileTarget(target, server.Admin, 9000)), null));
        var adminBefore = await AdminCountsAsync(server.Store, target.Tenant.Id);

        var serverErrors = new ConcurrentQueue<string>();
        var changedByRefusal = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<string, int>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(lanes.Select(lane => Task.Run(async () =>
        {
            var current = lane.Snapshot is null ? "" : await lane.Snapshot();
            foreach (var request in lane.Requests)
            {
                int status;
                try
                {
                    status = (await server.Api.SendAsync(request.Method, request.Path, request.Token, request.Body, request.RawAuthorization)).Status;
                }
                catch (HttpRequestException)
                {
                    status = 0;
                }

                statuses.AddOrUpdate($"{request.Endpoint} {status}", 1, (_, n) => n + 1);
                if (status >= 500)
                {
                    serverErrors.Enqueue($"{status} {HostileLanes.Describe(request)}");
                }

                if (lane.Snapshot is not null)
                {
                    var after = await lane.Snapshot();
                    if (status is < 200 or >= 300 && after != current)
                    {
                        changedByRefusal.Enqueue($"{status} {HostileLanes.Describe(request)}\n  before {current}\n  after  {after}");
                    }

                    current = after;
                }
            }
        })));

        var total = lanes.Sum(l => l.Requests.Count);
        output.WriteLine($"{total} hostile requests to {endpoints.Count} swept endpoints of the app in {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var (key, count) in statuses.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{key}: {count}");
        }

        Assert.True(total >= 10_000, $"only {total} requests");
        Assert.True(serverErrors.IsEmpty, string.Join("\n", serverErrors.Take(10)));
        Assert.True(changedByRefusal.IsEmpty, string.Join("\n", changedByRefusal.Take(5)));
        var adminAfter = await AdminCountsAsync(server.Store, target.Tenant.Id);
        Assert.Equal(adminBefore.Tenants + statuses.GetValueOrDefault("admin/tenants 201"), adminAfter.Tenants);
        Assert.Equal(adminBefore.Principals + statuses.GetValueOrDefault("admin/tokens 201"), adminAfter.Principals);
        Assert.Equal(adminBefore.Revoked + statuses.GetValueOrDefault("admin/revoke 204"), adminAfter.Revoked);
        if (statuses.GetValueOrDefault("admin/purge 200") == 0)
        {
            Assert.Equal(adminBefore.PurgedSeq, adminAfter.PurgedSeq);
        }
    }

    /// <summary>The hostile requests of every endpoint of one access, each endpoint with a seed of its own.</summary>
    private static List<HostileRequest> Lane(IReadOnlyList<SweptEndpoint> endpoints, SweepAccess access, HostileTarget target)
    {
        var lane = new List<HostileRequest>();
        foreach (var (endpoint, i) in endpoints.Where(e => e.Access == access).Select((e, i) => (e, i)))
        {
            var requests = endpoint.Hostile(target with { Seed = target.Seed + (10 * i) }).ToList();
            Assert.True(requests.Count > 0, $"{endpoint.Key} has no hostile requests");
            lane.AddRange(requests);
        }

        return lane;
    }

    private static async Task<(int Tenants, int Principals, int Revoked, long PurgedSeq)> AdminCountsAsync(IReplicaStore store, string targetId)
    {
        var tenants = await store.ListTenantsAsync();
        var principals = 0;
        var revoked = 0;
        foreach (var tenant in tenants)
        {
            var list = await store.ListPrincipalsAsync(tenant.Id);
            principals += list.Count;
            revoked += list.Count(p => p.Revoked);
        }

        return (tenants.Count, principals, revoked, tenants.Single(t => t.Id == targetId).PurgedSeq);
    }
}
