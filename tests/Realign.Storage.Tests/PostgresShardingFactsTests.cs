using Npgsql;

namespace Realign.Storage.Tests;

/// <summary>The schema facts that let a deployment distribute its tables by <c>tenant_id</c> (Citus or another sharded
/// PostgreSQL; docs/operations.md): every tenant table's primary key and every unique index starts with <c>tenant_id</c>,
/// and every foreign key between tenant tables carries it. Only the named global tables are exempt.</summary>
[RequiresPostgres]
public sealed class PostgresShardingFactsTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    /// <summary>Tables that hold no tenant's rows (reference tables under Citus), or whose key is the tenant id itself.</summary>
    private static readonly Dictionary<string, string> Global = new(StringComparer.Ordinal)
    {
        ["tenants"] = "its key, id, is the tenant id (a distributed table's distribution column)",
        ["admin_tokens"] = "the operator's tokens: no tenant's",
        ["protection_keys"] = "the review UI's data protection key ring: no tenant's",
        ["schemaversions"] = "DbUp's migration journal",
        ["store_identity"] = "the store's epoch: one row for the whole store",
        ["maintenance_jobs"] = "store-wide jobs one server runs at a time (the retention pass): no tenant's",
        ["principals"] = "authentication finds the tenant from the token, so token_hash is unique across tenants: a reference table under Citus (one small row per device)",
    };

    [BackendFact]
    public async Task EveryTenantTablesKeysStartWithTenantId_AndEveryForeignKeyCarriesIt()
    {
        if (database.ConnectionString is not { } cs) { return; }
        await using var store = await ReplicaStores.OpenPostgresAsync(cs);
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();

        var tables = await ListAsync(connection, "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1");
        Assert.Contains("entities", tables);
        Assert.All(Global.Keys, t => Assert.Contains(t, tables));

        // First column of every primary key and unique index, per table.
        var keys = await PairsAsync(connection, """
            SELECT c.relname, a.attname FROM pg_index i
            JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
            WHERE n.nspname = 'public' AND (i.indisprimary OR i.indisunique)
            """);
        var tenantTables = tables.Where(t => !Global.ContainsKey(t)).ToList();
        foreach (var table in tenantTables)
        {
            var first = keys.Where(k => k.Table == table).Select(k => k.Column).ToList();
            Assert.True(first.Count > 0, $"{table} has no primary key");
            Assert.True(first.All(c => c == "tenant_id"), $"{table}: a key starts with {string.Join(", ", first.Where(c => c != "tenant_id"))}, not tenant_id");
        }

        // Every foreign key from a tenant table to another tenant table joins on tenant_id.
        var foreignKeys = await PairsAsync(connection, """
            SELECT c.relname || ' -> ' || f.relname, string_agg(a.attname, ',')
            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class f ON f.oid = k.confrelid
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (k.conkey)
            WHERE k.contype = 'f' GROUP BY 1
            """);
        foreach (var (reference, columns) in foreignKeys)
        {
            Assert.Contains("tenant_id", columns.Split(','));
            Assert.DoesNotContain(Global.Keys.Where(g => g is not "tenants" and not "principals"), g => reference.EndsWith(" -> " + g, StringComparison.Ordinal));
        }
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<string>();
        while (await reader.ReadAsync())
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }

    private static async Task<List<(string Table, string Column)>> PairsAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            list.Add((reader.GetString(0), reader.GetString(1)));
        }

        return list;
    }
}
