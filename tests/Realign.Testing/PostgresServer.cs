using Npgsql;

namespace Realign.Testing;

/// <summary>The throwaway PostgreSQL of the test run (env REALIGN_TEST_PG); each caller gets a database of its own.</summary>
public static class PostgresServer
{
    public static string? ConnectionString => Environment.GetEnvironmentVariable("REALIGN_TEST_PG");

    public static bool Required => Environment.GetEnvironmentVariable("REALIGN_REQUIRE_PG") == "1";

    /// <summary>True when PostgreSQL tests can run; throws when they must run and cannot.</summary>
    public static bool Available()
    {
        if (!string.IsNullOrEmpty(ConnectionString))
        {
            return true;
        }

        if (Required)
        {
            throw new InvalidOperationException("REALIGN_REQUIRE_PG=1 but REALIGN_TEST_PG is not set: PostgreSQL tests must run");
        }

        return false;
    }

    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        await using (var admin = new NpgsqlConnection(ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ToString();
    }

    public static async Task<string> AllRowsAsTextAsync(string connectionString)
    {
        var text = new System.Text.StringBuilder();
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", conn))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var cmd = new NpgsqlCommand($"SELECT t::text FROM \"{table}\" t", conn);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                text.AppendLine(reader.GetString(0));
            }
        }

        return text.ToString();
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(ConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
