using System.Diagnostics;
using Npgsql;
using Realign.Core.Contract;
using Realign.Core.Rules;
using Realign.EndToEnd.Tests.Convergence;
using Realign.EndToEnd.Tests.Harness;
using Realign.Server;
using Xunit.Abstractions;

namespace Realign.EndToEnd.Tests.ScaleOut;

[RequiresPostgres]
public sealed class ScaleOutTests(ITestOutputHelper output)
{
    private const int Writers = 4;
    private const int BatchesPerWriter = 60;
    private const int ItemsPerBatch = 5;

    [BackendFact]
    public async Task TwoServersOnOnePostgres_ClientsSyncingThroughBoth_IdenticalStateNoMissedOrDuplicatedChanges()
    {
        if (!PostgresServer.Available())
        {
            return;
        }

        var connection = await PostgresServer.CreateDatabaseAsync("rscale");
        try
        {
            await using var first = await HostedServer.StartAsync(new RealignServerOptions { PostgresConnectionString = connection, RateLimitPermits = 1_000_000 });
            await using var second = await HostedServer.StartAsync(new RealignServerOptions { PostgresConnectionString = connection, RateLimitPermits = 1_000_000 });
            var tenant = await first.NewTenantAsync();
            Api[] apis = [first.Api, second.Api];
            var scope = PrincipalScope.For(tenant.Id, tenant.PrincipalIds["owner"], PrincipalKind.UserDevice, "desktop", true);
            var writers = Enumerable.Range(0, Writers).Select(w => new Replica($"writer{w}", tenant.Id, tenant.Owner, scope)).ToList();
            var watchers = Enumerable.Range(0, 2).Select(w => new Replica($"watcher{w}", tenant.Id, tenant.Owner, scope)).ToList();
            var clock = Stopwatch.StartNew();
            var done = 0;
            var writing = writers.Select((writer, w) => Task.Run(async () =>
            {
                var random = new Random(w);
                for (var b = 0; b < BatchesPerWriter; b++)
                {
                    var items = Enumerable.Range(0, ItemsPerBatch).Select(i => Wire.Item($"e{random.Next(150)}", 1, "user:desktop", random.Next(0, 3000), $$"""{"w":{{w}},"b":{{b}},"f{{i}}":{{random.Next(9)}}}""")).ToArray();
                    var batch = writer.Write($"w{w}-b{b}", items);
                    for (var attempt = 0; writer.Outbox.Contains(batch); attempt++)
                    {
                        Assert.True(attempt < 20, "push does not succeed");
                        await writer.PushAsync(apis[random.Next(2)], batch);
                    }

                    if (b % 10 == 0)
                    {
                        await writer.PullAllAsync(apis[random.Next(2)]);
                    }
                }

                Interlocked.Increment(ref done);
            })).ToList();
            var watching = watchers.Select((watcher, w) => Task.Run(async () =>
            {
                var random = new Random(100 + w);
                while (Volatile.Read(ref done) < Writers)
                {
                    await watcher.PullAllAsync(apis[random.Next(2)]);
                }
            })).ToList();
            await Task.WhenAll(writing.Concat(watching)).WaitAsync(TimeSpan.FromSeconds(120));
            foreach (var (replica, i) in writers.Concat(watchers).Select((r, i) => (r, i)))
            {
                Assert.True(await replica.PullAllAsync(apis[i % 2]));
            }

            var viaFirst = new Replica("via-first", tenant.Id, tenant.Owner, scope);
            var viaSecond = new Replica("via-second", tenant.Id, tenant.Owner, scope);
            Assert.True(await viaFirst.PullAllAsync(first.Api));
            Assert.True(await viaSecond.PullAllAsync(second.Api));
            var model = History.Model(tenant.Id, writers.SelectMany(r => r.Written).SelectMany(b => b.Writes));
            var expected = ReplicaChecksum.Compute(model.Values);
            Assert.Equal(expected, (await first.Api.GetAsync("/sync/checksum", tenant.Owner)).Json.GetProperty("checksum").GetString());
            Assert.Equal(expected, (await second.Api.GetAsync("/sync/checksum", tenant.Owner)).Json.GetProperty("checksum").GetString());
            foreach (var replica in writers.Concat(watchers).Append(viaFirst).Append(viaSecond))
            {
                Assert.Equal(model.Count, replica.States.Count);
                Assert.All(model, m => Assert.True(replica.Find(m.Key.Item1, m.Key.Item2)!.SameRegisters(m.Value), $"{replica.Name} differs on {m.Key}"));
                Assert.Equal(expected, replica.Checksum());
            }

            await using var db = new NpgsqlConnection(connection);
            await db.OpenAsync();
            await using var duplicates = new NpgsqlCommand("SELECT COUNT(*) FROM (SELECT seq FROM entities WHERE tenant_id = @t GROUP BY seq HAVING COUNT(*) > 1) d", db);
            duplicates.Parameters.AddWithValue("t", tenant.Id);
            Assert.Equal(0L, (long)(await duplicates.ExecuteScalarAsync())!);
            await using var top = new NpgsqlCommand("SELECT (SELECT seq FROM tenants WHERE id = @t) - (SELECT MAX(seq) FROM entities WHERE tenant_id = @t)", db);
            top.Parameters.AddWithValue("t", tenant.Id);
            Assert.Equal(0L, Convert.ToInt64(await top.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
            output.WriteLine($"2 servers, {Writers} writers x {BatchesPerWriter} batches x {ItemsPerBatch} items over {model.Count} entities, 2 watchers pulling through both, {clock.Elapsed.TotalSeconds:F1} s; 0 missed, 0 duplicated sequence numbers");
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connection);
        }
    }

    [BackendFact]
    public async Task TwoServersOnOnePostgres_WaitOnOne_AnsweredByAPushThroughTheOther()
    {
        if (!PostgresServer.Available())
        {
            return;
        }

        var connection = await PostgresServer.CreateDatabaseAsync("rwait");
        try
        {
            await using var first = await HostedServer.StartAsync(new RealignServerOptions { PostgresConnectionString = connection });
            await using var second = await HostedServer.StartAsync(new RealignServerOptions { PostgresConnectionString = connection });
            var tenant = await first.NewTenantAsync();
            Assert.Equal(200, (await first.Api.PushAsync(tenant.Owner, Wire.Batch(Wire.Item("n1", 1, "user:desktop", 1, """{"title":"a"}""")))).Status);

            var waiting = second.Api.GetAsync("/sync/wait?since=1&timeout=60", tenant.Owner);
            Assert.Equal(200, (await first.Api.PushAsync(tenant.Owner, Wire.Batch(Wire.Item("n2", 1, "user:desktop", 2, """{"title":"b"}""")))).Status);

            var reply = await waiting.WaitAsync(TimeSpan.FromSeconds(45));
            Assert.Equal(200, reply.Status);
            Assert.True(reply.Json.GetProperty("changed").GetBoolean());
            Assert.Equal(2, reply.Json.GetProperty("cursor").GetInt64());
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connection);
        }
    }
}
