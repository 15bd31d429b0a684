using System.Data.Common;
using DbUp;
using Npgsql;

namespace Realign.Storage.Internal;

/// <summary>The scale-out backend: PostgreSQL 15+, JSON columns as jsonb, one pooled data source.</summary>
internal sealed class PostgresReplicaStore(string connectionString) : SqlReplicaStore
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public override string Backend => "postgres";

    protected override string JsonCast => "::jsonb";

    protected override string LoadHeadsSql =>
        "SELECT entity_type, entity_id, head FROM entities WHERE tenant_id = @t AND (entity_type, entity_id) IN (SELECT k->>0, k->>1 FROM json_array_elements(@keys::json) AS k)";

    protected override string UpsertEntitiesSql => """
        INSERT INTO entities (tenant_id, entity_type, entity_id, payload, field_stamps, head, truth_level, last_modified_by_level, accepted_by_user, deleted, version, origin_chain, last_modified_at, changed_at, seq)
        SELECT @t, r.entity_type, r.entity_id, r.payload, r.field_stamps, r.head, r.truth_level, r.last_modified_by_level, r.accepted_by_user, r.deleted, r.version, r.origin_chain, r.last_modified_at, @now, r.seq
        FROM json_to_recordset(@rows::json) AS r(entity_type text, entity_id text, payload jsonb, field_stamps jsonb, head text, truth_level bigint, last_modified_by_level bigint,
             accepted_by_user boolean, deleted boolean, version bigint, origin_chain jsonb, last_modified_at bigint, seq bigint)
        ON CONFLICT (tenant_id, entity_type, entity_id) DO UPDATE SET
            payload = excluded.payload, field_stamps = excluded.field_stamps, head = excluded.head, truth_level = excluded.truth_level,
            last_modified_by_level = excluded.last_modified_by_level, accepted_by_user = excluded.accepted_by_user, deleted = excluded.deleted,
            version = excluded.version, origin_chain = excluded.origin_chain, last_modified_at = excluded.last_modified_at, changed_at = excluded.changed_at, seq = excluded.seq
        """;

    public override async Task InitialiseAsync(CancellationToken cancellationToken)
    {
        await Task.Run(
            () =>
            {
                var upgrade = DeployChanges.To.PostgresqlDatabase(connectionString)
                    .WithScriptsEmbeddedInAssembly(typeof(PostgresReplicaStore).Assembly, name => name.Contains(".Migrations.Postgres.", StringComparison.Ordinal))
                    .WithTransaction()
                    .LogToNowhere()
                    .Build()
                    .PerformUpgrade();
                if (!upgrade.Successful)
                {
                    throw new InvalidOperationException($"PostgreSQL migration failed: {upgrade.Error?.Message}", upgrade.Error);
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);

    protected override string InsertEventSql(string table) =>
        $"INSERT INTO {table} (tenant_id, at, kind, principal_id, batch_id, entity_type, entity_id, detail) VALUES (@t, @at, @kind, @p, @b, @et, @ei, @d::jsonb)";

    protected override string Greatest(string a, string b) => $"GREATEST({a}, {b})";

    protected override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public override async ValueTask DisposeAsync() => await _dataSource.DisposeAsync().ConfigureAwait(false);
}
