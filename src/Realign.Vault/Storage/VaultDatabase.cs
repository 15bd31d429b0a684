using Microsoft.Data.Sqlite;

namespace Realign.Vault.Storage;

/// <summary>Opens <c>vault.db</c> with the durability settings and creates the schema.</summary>
/// <remarks>WAL with <c>synchronous=FULL</c>: every commit fsyncs the write-ahead log before it returns, so a change the
/// vault acknowledged survives a process kill and a power cut. (WAL with NORMAL survives a process kill too, since the
/// log sits in the OS cache, but may lose the last commits on power loss; the few hundred microseconds per commit are
/// worth it for a user's notes.) Pooling is off so closing the vault releases the file.</remarks>
internal static class VaultDatabase
{
    public const string FileName = "vault.db";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS entities (
            entity_type TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            payload TEXT NOT NULL,
            field_stamps TEXT NOT NULL,
            origin_chain TEXT NOT NULL,
            version INTEGER NOT NULL,
            last_modified_by_level INTEGER NULL,
            deleted INTEGER NOT NULL,
            server_version INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (entity_type, entity_id));
        CREATE TABLE IF NOT EXISTS outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            entity_type TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            item TEXT NOT NULL,
            base_version INTEGER NULL,
            coalescable INTEGER NOT NULL,
            batch_id TEXT NULL);
        CREATE INDEX IF NOT EXISTS outbox_entity ON outbox (entity_type, entity_id);
        CREATE INDEX IF NOT EXISTS outbox_in_flight ON outbox (batch_id) WHERE batch_id IS NOT NULL;
        CREATE TABLE IF NOT EXISTS set_aside (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            entity_type TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            item TEXT NOT NULL,
            code TEXT NOT NULL,
            field TEXT NULL,
            message TEXT NOT NULL,
            at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS conflicts (conflict_id TEXT PRIMARY KEY, body TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS my_stamps (at_micros INTEGER PRIMARY KEY);
        CREATE TABLE IF NOT EXISTS file_map (
            path TEXT PRIMARY KEY,
            entity_id TEXT NOT NULL UNIQUE,
            file_hash TEXT NOT NULL,
            payload_hash TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS resync_seen (
            entity_type TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            PRIMARY KEY (entity_type, entity_id));
        """;

    public static SqliteConnection Open(string directory)
    {
        var path = Path.Combine(directory, FileName);
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadWriteCreate };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;");
        Execute(connection, Schema);
        return connection;
    }

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
