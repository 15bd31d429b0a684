using System.Text.Json;
using Npgsql;
using Realign.Core.Contract;
using Realign.Storage.Internal;

namespace Realign.Storage.Tests;

/// <summary>The heads a push loads are found by primary key, one lookup per key, even when the planner's statistics are stale.</summary>
[RequiresPostgres]
public sealed class PostgresLoadPlanTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private const int Keys = 200;

    private const int Rows = 20_000;

    [BackendFact]
    public async Task LoadHeads_StaleStatistics_ReadsOneRowPerKeyNotTheTenantsRows()
    {
        if (database.ConnectionString is not { } cs) { return; }
        await using var store = await ReplicaStores.OpenPostgresAsync(cs);
        var small = await store.CreateTenantAsync("analyzed", VaultMode.CloudFirst);
        var grown = await store.CreateTenantAsync("grown-later", VaultMode.CloudFirst);
        await store.ApplyBatchAsync(Writes.Batch(small.Id, Enumerable.Range(0, Keys).Select(i => Writes.User(small.Id, $"n{i:D5}", 1, ("title", "\"t\""))).ToArray()));

        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        // Statistics taken while the second tenant had no rows, then 20,000 rows for it that autovacuum does not see:
        // the shape a tenant has while it is first synced into a table analyzed before.
        await ExecAsync(connection, "ALTER TABLE entities SET (autovacuum_enabled = false, toast.autovacuum_enabled = false)");
        await ExecAsync(connection, "ANALYZE entities");
        await ExecAsync(connection, CopySql(small.Id, grown.Id, ""));
        var keys = JsonSerializer.Serialize(Enumerable.Range(0, Keys).Select(i => new[] { "note", $"n{i:D5}-{1 + (i % (Rows / Keys))}" }));

        var rowsRead = await EntityRowsReadAsync(connection, PostgresReplicaStore.LoadHeadsQuery, grown.Id, keys);
        Assert.True(rowsRead <= Keys, $"the lookup read {rowsRead} entity rows for {Keys} keys");

        // The negative control: the first lookup reads every row of the tenant on the same statistics. (The second one, the
        // LATERAL without the fence, went wrong only on larger tables: docs/performance.md gives the reproduction.)
        var viaIn = await EntityRowsReadAsync(connection, PostgresReplicaStore.LoadHeadsQueryIn, grown.Id, keys);
        Assert.True(viaIn >= 10 * Keys, $"the IN lookup read only {viaIn} rows; the statistics are not stale as this test needs");
    }

    /// <summary>Runs the query under EXPLAIN ANALYZE and sums the rows its scans of <c>entities</c> produced, over all loops.</summary>
    private static async Task<long> EntityRowsReadAsync(NpgsqlConnection connection, string query, string tenantId, string keys)
    {
#pragma warning disable CA2100 // The query is one of the store's own constants.
        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, FORMAT JSON) " + query, connection);
#pragma warning restore CA2100
        command.Parameters.AddWithValue("t", tenantId);
        command.Parameters.AddWithValue("keys", keys);
        using var plan = JsonDocument.Parse((string)(await command.ExecuteScalarAsync())!);
        return Sum(plan.RootElement[0].GetProperty("Plan"));

        static long Sum(JsonElement node)
        {
            var own = node.TryGetProperty("Relation Name", out var relation) && relation.GetString() == "entities"
                ? (long)(node.GetProperty("Actual Rows").GetDouble() * node.GetProperty("Actual Loops").GetDouble())
                : 0;
            return own + (node.TryGetProperty("Plans", out var children) ? children.EnumerateArray().Sum(Sum) : 0);
        }
    }

    /// <summary>Copies the template tenant's rows <c>Rows / Keys</c> times into <paramref name="to"/>, ids suffixed with a copy number.</summary>
    private static string CopySql(string template, string to, string tag) => $"""
        INSERT INTO entities
        SELECT '{to}', entity_type, entity_id || '-{tag}' || g, payload, field_stamps, head, truth_level, last_modified_by_level, accepted_by_user,
               deleted, version, origin_chain, last_modified_at, changed_at, seq + g * 1000
        FROM entities, generate_series(1, {Rows / Keys}) AS g WHERE tenant_id = '{template}' AND entity_id NOT LIKE '%-%'
        """;

    private static async Task ExecAsync(NpgsqlConnection connection, string sql)
    {
#pragma warning disable CA2100 // Test-only DDL and data built from the test's own tenant ids.
        await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
    }
}
