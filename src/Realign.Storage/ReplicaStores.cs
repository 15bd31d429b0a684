using Realign.Storage.Internal;

namespace Realign.Storage;

/// <summary>Opens a replica store and brings its schema up to date (versioned migrations, run at open).</summary>
public static class ReplicaStores
{
    /// <summary>Opens (creating if needed) a SQLite store at <paramref name="path"/> in WAL mode.</summary>
    public static async Task<IReplicaStore> OpenSqliteAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var store = new SqliteReplicaStore(path);
        await store.InitialiseAsync(cancellationToken).ConfigureAwait(false);
        return store;
    }

    /// <summary>Opens a PostgreSQL store (15 or later) on an existing database.</summary>
    public static async Task<IReplicaStore> OpenPostgresAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var store = new PostgresReplicaStore(connectionString);
        await store.InitialiseAsync(cancellationToken).ConfigureAwait(false);
        return store;
    }
}
