using Npgsql;

namespace Realign.Benchmarks;

/// <summary>A throwaway PostgreSQL database for one run.</summary>
internal sealed class ScratchDatabase(string admin, string name, string connectionString) : IAsyncDisposable
{
    public string ConnectionString => connectionString;

    public static async Task<ScratchDatabase> CreateAsync(string admin, CancellationToken cancellationToken)
    {
        var name = "realign_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new ScratchDatabase(admin, name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (Environment.GetEnvironmentVariable("REALIGN_BENCH_KEEP_DB") == "1")
        {
            return;
        }

        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
