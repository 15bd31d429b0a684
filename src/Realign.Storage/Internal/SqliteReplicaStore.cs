using System.Data.Common;
using DbUp;
using Microsoft.Data.Sqlite;

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

    protected override string LoadHeadsSql =>
        "SELECT entity_type, entity_id, head FROM entities WHERE tenant_id = @t AND (entity_type, entity_id) IN (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(@keys))";

    protected override string UpsertEntitiesSql => """
        INSERT INTO entities (tenant_id, entity_type, entity_id, payload, field_stamps, head, truth_level, last_modified_by_level, accepted_by_user, deleted, version, origin_chain, last_modified_at, changed_at, seq)
        SELECT @t, json_extract(value, '$.entity_type'), json_extract(value, '$.entity_id'), json_extract(value, '$.payload'), json_extract(value, '$.field_stamps'), json_extract(value, '$.head'),
               json_extract(value, '$.truth_level'), json_extract(value, '$.last_modified_by_level'), json_extract(value, '$.accepted_by_user'), json_extract(value, '$.deleted'),
               json_extract(value, '$.version'), json_extract(value, '$.origin_chain'), json_extract(value, '$.last_modified_at'), @now, json_extract(value, '$.seq')
        FROM json_each(@rows) WHERE true
        ON CONFLICT (tenant_id, entity_type, entity_id) DO UPDATE SET
            payload = excluded.payload, field_stamps = excluded.field_stamps, head = excluded.head, truth_level = excluded.truth_level,
            last_modified_by_level = excluded.last_modified_by_level, accepted_by_user = excluded.accepted_by_user, deleted = excluded.deleted,
            version = excluded.version, origin_chain = excluded.origin_chain, last_modified_at = excluded.last_modified_at, changed_at = excluded.changed_at, seq = excluded.seq
        """;

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
