using System.Collections.Concurrent;
using Npgsql;
using static Realign.Server.Tests.Items;

namespace Realign.Server.Tests;

[RequiresPostgres]
public sealed class PostgresPullCompletenessTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private const int Pushers = 8;
    private const int BatchesPerPusher = 25;
    private const int ItemsPerBatch = 50;

    [BackendFact]
    public async Task Pull_EightConcurrentPushersAndLoopingPuller_NoChangeMissedOrDuplicated()
    {
        if (database.ConnectionString is not { } cs) { return; }
        await using var server = await HostedServer.StartAsync(new RealignServerOptions { PostgresConnectionString = cs, RateLimitPermits = 1_000_000 });
        var tenant = await ServerTenants.NewAsync(server);
        var seen = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var pushers = Enumerable.Range(0, Pushers).Select(p => Task.Run(async () =>
        {
            for (var b = 0; b < BatchesPerPusher; b++)
            {
                var items = Enumerable.Range(0, ItemsPerBatch).Select(i => User($"p{p}-b{b}-i{i}", 1, """{"title":"x"}""")).ToArray();
                var reply = await server.Api.PushAsync(tenant.Owner, Batch(items));
                Assert.Equal(200, reply.Status);
            }
        })).ToArray();
        var allPushed = Task.WhenAll(pushers);

        long cursor = 0;
        var pulls = 0;
        var drainedAfterPushers = false;
        while (!drainedAfterPushers && pulls < 100_000)
        {
            var pushersDone = allPushed.IsCompleted;
            var page = (await server.Api.GetAsync($"/sync/pull?since={cursor}&limit=1000", tenant.Owner)).Json;
            pulls++;
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                seen.AddOrUpdate(item.GetProperty("entity_id").GetString()!, 1, (_, n) => n + 1);
            }

            var next = page.GetProperty("next_cursor").GetInt64();
            Assert.True(next >= cursor);
            cursor = next;
            drainedAfterPushers = pushersDone && !page.GetProperty("has_more").GetBoolean();
        }

        await allPushed;
        const int expected = Pushers * BatchesPerPusher * ItemsPerBatch;
        Assert.True(expected >= 10_000);
        Assert.Equal(expected, seen.Count);
        Assert.DoesNotContain(seen, kv => kv.Value != 1);
        Assert.Equal(expected, cursor);
    }

    [BackendFact]
    public async Task NaiveIdentityCursor_LowerIdCommitsAfterReaderPassedIt_MissesTheRow()
    {
        if (database.ConnectionString is not { } cs) { return; }
        await using (var setup = new NpgsqlConnection(cs))
        {
            await setup.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE TABLE naive_changes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, entity text NOT NULL)", setup);
            await create.ExecuteNonQueryAsync();
        }

        await using var slow = new NpgsqlConnection(cs);
        await using var fast = new NpgsqlConnection(cs);
        await using var reader = new NpgsqlConnection(cs);
        await slow.OpenAsync();
        await fast.OpenAsync();
        await reader.OpenAsync();

        await using var slowTx = await slow.BeginTransactionAsync();
        await using (var insertSlow = new NpgsqlCommand("INSERT INTO naive_changes (entity) VALUES ('slow') RETURNING id", slow, slowTx))
        {
            Assert.Equal(1L, await insertSlow.ExecuteScalarAsync());
        }

        await using (var insertFast = new NpgsqlCommand("INSERT INTO naive_changes (entity) VALUES ('fast') RETURNING id", fast))
        {
            Assert.Equal(2L, await insertFast.ExecuteScalarAsync());
        }

        var seen = new List<string>();
        long cursor = 0;
        cursor = await ReadSinceAsync(reader, cursor, seen);
        await slowTx.CommitAsync();
        cursor = await ReadSinceAsync(reader, cursor, seen);

        Assert.Equal(2L, cursor);
        Assert.Equal(["fast"], seen);
        Assert.DoesNotContain("slow", seen);
    }

    private static async Task<long> ReadSinceAsync(NpgsqlConnection connection, long cursor, List<string> seen)
    {
        await using var command = new NpgsqlCommand("SELECT id, entity FROM naive_changes WHERE id > @c ORDER BY id", connection);
        command.Parameters.AddWithValue("c", cursor);
        await using var rows = await command.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            cursor = rows.GetInt64(0);
            seen.Add(rows.GetString(1));
        }

        return cursor;
    }
}
