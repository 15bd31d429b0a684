using Microsoft.Data.Sqlite;

namespace Realign.Vault.Storage;

/// <summary>The vault's one connection and the lock that serialises its work: every part of the vault runs its statements
/// through this, a read under the lock or a write in one transaction.</summary>
internal sealed class VaultStore(SqliteConnection connection) : IDisposable
{
    public SqliteConnection Connection { get; } = connection;

    public Lock Gate { get; } = new();

    /// <summary>Runs <paramref name="read"/> under the lock, outside any transaction.</summary>
    public T Read<T>(Func<SqliteConnection, T> read)
    {
        lock (Gate)
        {
            return read(Connection);
        }
    }

    /// <summary>Runs <paramref name="write"/> in one transaction under the lock, and commits it when it returns.</summary>
    public T Write<T>(Func<SqliteTransaction, T> write)
    {
        lock (Gate)
        {
            using var tx = Connection.BeginTransaction();
            var result = write(tx);
            tx.Commit();
            return result;
        }
    }

    /// <summary>Runs <paramref name="write"/> in one transaction under the lock, and commits it when it returns.</summary>
    public void Write(Action<SqliteTransaction> write) => Write(tx =>
    {
        write(tx);
        return 0;
    });

    public void Execute(string sql, SqliteTransaction? tx, params (string Name, object? Value)[] args) => VaultDatabase.Execute(Connection, sql, tx, args);

    public object? Scalar(string sql, SqliteTransaction? tx, params (string Name, object? Value)[] args) => VaultDatabase.Scalar(Connection, sql, tx, args);

    public SqliteCommand Command(string sql, SqliteTransaction? tx, params (string Name, object? Value)[] args) => VaultDatabase.Command(Connection, sql, tx, args);

    public string? Meta(string key, SqliteTransaction? tx = null) => Storage.Meta.Get(Connection, key, tx);

    public void SetMeta(SqliteTransaction? tx, string key, string? value) => Storage.Meta.Set(Connection, tx, key, value);

    public void Dispose()
    {
        lock (Gate)
        {
            Connection.Dispose();
        }
    }
}
