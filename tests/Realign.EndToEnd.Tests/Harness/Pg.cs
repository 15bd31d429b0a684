using Npgsql;

namespace Realign.EndToEnd.Tests.Harness;

public static class Pg
{
    public static string? ConnectionString => Environment.GetEnvironmentVariable("REALIGN_TEST_PG");

    public static bool Available()
    {
        if (!string.IsNullOrEmpty(ConnectionString))
        {
            return true;
        }

        if (Environment.GetEnvironmentVariable("REALIGN_REQUIRE_PG") == "1")
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
