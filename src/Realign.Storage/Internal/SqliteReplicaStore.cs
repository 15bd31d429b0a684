using System.Data.Common;
using DbUp;
using Microsoft.Data.Sqlite;
using Realign.Core.Merge;
using SQLitePCL;

namespace Realign.Storage.Internal;

/// <summary>The embedded backend: one SQLite file in WAL mode; writers serialise on BEGIN IMMEDIATE.</summary>
internal sealed class SqliteReplicaStore(string path) : SqlReplicaStore
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public override string Backend => "sqlite";

    protected override string JsonCast => "";

    protected override string MigrationMarker => ".Migrations.Sqlite.";

    // DbUp's journal on SQLite.
    protected override string JournalSql => "SELECT ScriptName FROM SchemaVersions";

    // The FTS5 index of migration 0008, joined to its key table for the tenant and to the live entities; BM25 with the
    // title weighing twice the body.
    protected override string SearchTextSql =>
        "SELECT k.entity_type, k.entity_id FROM entity_text JOIN entity_text_keys k ON k.id = entity_text.rowid "
        + "JOIN entities e ON e.tenant_id = k.tenant_id AND e.entity_type = k.entity_type AND e.entity_id = k.entity_id "
        + "WHERE entity_text MATCH @q AND k.tenant_id = @t AND e.deleted = 0 ORDER BY bm25(entity_text, 2.0, 1.0), k.entity_type, k.entity_id LIMIT @n";

    private const string ChangedTexts = "e.tenant_id = @t AND e.seq > @from AND e.seq <= @to AND e.entity_type IN ('note', 'task')";

    private const string KeyJoin = "JOIN entity_text_keys k ON k.tenant_id = e.tenant_id AND k.entity_type = e.entity_type AND k.entity_id = e.entity_id";

    // Keys for the changed notes and tasks, their old text out, the new text of the live ones in. Sealed values and values
    // that are not strings index as empty text.
    protected override IReadOnlyList<string> RefreshTextSql { get; } =
    [
        $"INSERT INTO entity_text_keys (tenant_id, entity_type, entity_id) SELECT e.tenant_id, e.entity_type, e.entity_id FROM entities e WHERE {ChangedTexts} ON CONFLICT (tenant_id, entity_type, entity_id) DO NOTHING",
        $"DELETE FROM entity_text WHERE rowid IN (SELECT k.id FROM entities e {KeyJoin} WHERE {ChangedTexts})",
        $"INSERT INTO entity_text (rowid, title, body) SELECT k.id, CASE WHEN json_type(e.payload, '$.title') = 'text' AND substr(json_extract(e.payload, '$.title'), 1, 4) <> 'rl1:' THEN json_extract(e.payload, '$.title') ELSE '' END, CASE WHEN json_type(e.payload, '$.body') = 'text' AND substr(json_extract(e.payload, '$.body'), 1, 4) <> 'rl1:' THEN json_extract(e.payload, '$.body') WHEN json_type(e.payload, '$.text') = 'text' AND substr(json_extract(e.payload, '$.text'), 1, 4) <> 'rl1:' THEN json_extract(e.payload, '$.text') ELSE '' END FROM entities e {KeyJoin} WHERE {ChangedTexts} AND e.deleted = 0",
    ];

    protected override IReadOnlyList<string> OrphanTextSql { get; } =
    [
        "DELETE FROM entity_text WHERE rowid IN (SELECT k.id FROM entity_text_keys k WHERE k.tenant_id = @t AND NOT EXISTS (SELECT 1 FROM entities e WHERE e.tenant_id = k.tenant_id AND e.entity_type = k.entity_type AND e.entity_id = k.entity_id))",
        "DELETE FROM entity_text_keys WHERE tenant_id = @t AND NOT EXISTS (SELECT 1 FROM entities e WHERE e.tenant_id = entity_text_keys.tenant_id AND e.entity_type = entity_text_keys.entity_type AND e.entity_id = entity_text_keys.entity_id)",
    ];

    protected override string TextQuery(IReadOnlyList<string> terms) => string.Join(" OR ", terms.Select(t => "\"" + t + "\""));

    protected override string LoadHeadsSql => SqliteEntityRows.LoadManySql;

    /// <summary>Saves the batch's rows through <see cref="SqliteEntityRows"/>, the code every vault saves its entities with.
    /// One prepared single-row upsert per row: SQLite is in process, so a statement per row costs only its work.</summary>
    protected override Task UpsertEntitiesAsync(DbConnection connection, DbTransaction tx, string tenantId, long nowMicros, List<EntityRow> rows, CancellationToken cancellationToken)
    {
        SqliteEntityRows.SaveRows((SqliteConnection)connection, (SqliteTransaction)tx, tenantId, nowMicros, rows);
        return Task.CompletedTask;
    }

    /// <summary>Loads entities through <see cref="SqliteEntityRows"/>, as every vault does.</summary>
    protected override Task<Dictionary<EntityKey, EntityState>> LoadStatesAsync(DbConnection connection, DbTransaction? tx, string tenantId, List<EntityKey> keys, CancellationToken cancellationToken) =>
        Task.FromResult(SqliteEntityRows.LoadMany((SqliteConnection)connection, (SqliteTransaction?)tx, tenantId, keys));

    public override async Task InitialiseAsync(CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        await using (var connection = new SqliteConnection(_connectionString))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA journal_mode = WAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var upgrade = DeployChanges.To.SqliteDatabase(_connectionString)
            .WithScriptsEmbeddedInAssembly(typeof(SqliteReplicaStore).Assembly, name => name.Contains(".Migrations.Sqlite.", StringComparison.Ordinal))
            .WithTransaction()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        if (!upgrade.Successful)
        {
            throw new InvalidOperationException($"SQLite migration failed: {upgrade.Error?.Message}", upgrade.Error);
        }

        await LoadEpochAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The pull statement with positional parameters: ?1 tenant, ?2 since, ?3 limit.</summary>
    private const string PullSql = "SELECT seq, head FROM entities WHERE tenant_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3";

    /// <summary>Runs the pull statement through SQLitePCLRaw, the layer under Microsoft.Data.Sqlite, on a connection it opened:
    /// each head goes to the sink as a span of SQLite's own row buffer (<c>sqlite3_column_blob</c>), so no byte array is made
    /// per row. Microsoft.Data.Sqlite has no span accessor; its <c>GetFieldValue&lt;byte[]&gt;</c> allocates and copies.</summary>
    public override async Task CopyChangesAsync(string tenantId, long since, int limit, IHeadSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        using var activity = StoreTelemetry.Start("realign.store.read_changes", Backend);
        await using var connection = (SqliteConnection)await OpenAsync(cancellationToken).ConfigureAwait(false);
        var db = connection.Handle!;
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, PullSql, out var statement), db);
        using (statement)
        {
            SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_text(statement, 1, tenantId), db);
            SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_int64(statement, 2, since), db);
            SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_int64(statement, 3, limit), db);
            while (Pump(db, statement, sink) == HeadSinkAction.Flush)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await sink.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Steps the statement, handing rows to the sink, until the sink asks for a flush or a stop, or the rows end (Stop).</summary>
    private static HeadSinkAction Pump(sqlite3 db, sqlite3_stmt statement, IHeadSink sink)
    {
        while (true)
        {
            var rc = raw.sqlite3_step(statement);
            if (rc == raw.SQLITE_DONE)
            {
                return HeadSinkAction.Stop;
            }

            if (rc != raw.SQLITE_ROW)
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }

            var action = sink.Write(raw.sqlite3_column_int64(statement, 0), raw.sqlite3_column_blob(statement, 1));
            if (action != HeadSinkAction.Continue)
            {
                return action;
            }
        }
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    protected override async Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // Deferred: the WAL snapshot starts at the first read and blocks no writer.
        await Task.CompletedTask.ConfigureAwait(false);
        return ((SqliteConnection)connection).BeginTransaction(deferred: true);
    }

    protected override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // Immediate: take the write lock up front, so two writers never deadlock upgrading a read lock.
        await Task.CompletedTask.ConfigureAwait(false);
        return ((SqliteConnection)connection).BeginTransaction(deferred: false);
    }

    protected override string InsertEventSql(string table) =>
        $"INSERT INTO {table} (tenant_id, event_id, at, kind, principal_id, batch_id, entity_type, entity_id, detail) " +
        $"VALUES (@t, (SELECT COALESCE(MAX(event_id), 0) + 1 FROM {table} WHERE tenant_id = @t), @at, @kind, @p, @b, @et, @ei, @d)";

    protected override string Greatest(string a, string b) => $"MAX({a}, {b})";

    protected override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 19 };

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        return ValueTask.CompletedTask;
    }
}
