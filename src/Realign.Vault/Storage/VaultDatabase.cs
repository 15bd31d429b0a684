using DbUp;
using Microsoft.Data.Sqlite;

namespace Realign.Vault.Storage;

/// <summary>Opens <c>vault.db</c> with the durability settings, after bringing its schema to this version.</summary>
/// <remarks>
/// <para>The schema is versioned like the server's: DbUp runs the scripts of <c>Migrations/</c> (SQL files and code
/// scripts, named <c>V0001_...</c>, <c>V0002_...</c>) that the vault's <c>SchemaVersions</c> journal has not recorded, all in
/// one transaction, so an upgrade is all or nothing. A vault made before the schema was versioned has no journal: script
/// 0001 is its schema as it was (<c>IF NOT EXISTS</c>), so the upgrade starts from it. A vault upgraded by a newer version
/// (its journal names scripts this one does not know) is refused, never opened half understood.</para>
/// <para>WAL with <c>synchronous=FULL</c>: every commit fsyncs the write-ahead log before it returns, so a change the
/// vault acknowledged survives a process kill and a power cut. (WAL with NORMAL survives a process kill too, since the
/// log sits in the OS cache, but may lose the last commits on power loss; the few hundred microseconds per commit are
/// worth it for a user's notes.) Pooling is off so closing the vault releases the file.</para>
/// </remarks>
internal static class VaultDatabase
{
    public const string FileName = "vault.db";

    public static SqliteConnection Open(string directory)
    {
        var path = Path.Combine(directory, FileName);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 10 }.ToString();
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; PRAGMA cache_size=-32768; PRAGMA wal_autocheckpoint=4000;");
            Migrate(connectionString);
            Realign.Storage.SqliteEntityRows.CheckLayout(connection, null, Realign.Storage.EntityCopies.Generated);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The names of the schema scripts, in the order they run.</summary>
    internal static IReadOnlyList<string> ScriptNames() => Upgrader("Data Source=:memory:").GetDiscoveredScripts().Select(s => s.Name).ToList();

    private static void Migrate(string connectionString)
    {
        var upgrader = Upgrader(connectionString);
        if (upgrader.GetExecutedButNotDiscoveredScripts() is { Count: > 0 } unknown)
        {
            throw new VaultException($"vault.db was upgraded by a newer version of realign (it has schema script {unknown[^1]}); use that version or newer");
        }

        if (!upgrader.IsUpgradeRequired())
        {
            return;
        }

        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            var message = $"vault.db could not be upgraded to this version's schema; it is unchanged: {result.Error?.Message ?? "no reason given"}";
            throw result.Error is { } error ? new VaultException(message, error) : new VaultException(message);
        }
    }

    private static DbUp.Engine.UpgradeEngine Upgrader(string connectionString) => DeployChanges.To.SqliteDatabase(connectionString)
        .WithScriptsAndCodeEmbeddedInAssembly(typeof(VaultDatabase).Assembly, name => name.StartsWith("Realign.Vault.Migrations.V", StringComparison.Ordinal))
        .WithTransaction()
        .LogToNowhere()
        .Build();

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? tx = null, params (string Name, object? Value)[] args)
    {
        using var cmd = Command(connection, sql, tx, args);
        cmd.ExecuteNonQuery();
    }

    public static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction? tx = null, params (string Name, object? Value)[] args)
    {
        using var cmd = Command(connection, sql, tx, args);
        return cmd.ExecuteScalar();
    }

    public static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? tx, params (string Name, object? Value)[] args)
    {
        var cmd = connection.CreateCommand();
#pragma warning disable CA2100 // Every statement is a constant of this assembly; values always go through parameters.
        cmd.CommandText = sql;
#pragma warning restore CA2100
        cmd.Transaction = tx;
        foreach (var (name, value) in args)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return cmd;
    }
}
