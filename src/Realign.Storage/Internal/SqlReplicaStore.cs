using System.Data.Common;

namespace Realign.Storage.Internal;

/// <summary>The replica store over ADO.NET; the two backends differ only in connections, locking and a few statements.</summary>
internal abstract partial class SqlReplicaStore : IReplicaStore
{
    public abstract string Backend { get; }

    /// <summary>Runs the migrations and any per-database setup.</summary>
    public abstract Task InitialiseAsync(CancellationToken cancellationToken);

    /// <summary>Opens a connection ready for use.</summary>
    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Opens a connection for pull pages (by default the same as <see cref="OpenAsync"/>).</summary>
    protected virtual Task<DbConnection> OpenPullAsync(CancellationToken cancellationToken) => OpenAsync(cancellationToken);

    /// <summary>Begins a write transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: read committed).</summary>
    protected abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>The <c>head</c> column as UTF-8 bytes (SQLite hands a TEXT column's bytes as a blob).</summary>
    protected virtual string HeadUtf8Column => "head";

    /// <summary>The cast appended to a text parameter bound to a JSON column.</summary>
    protected abstract string JsonCast { get; }

    /// <summary>SELECT entity_type, entity_id, head FROM entities for the keys in @keys (a JSON array of [type, id]).</summary>
    protected abstract string LoadHeadsSql { get; }

    /// <summary>Upserts the changed entity rows of one batch (all in <paramref name="tenantId"/>, changed at <paramref name="nowMicros"/>).</summary>
    protected abstract Task UpsertEntitiesAsync(DbConnection connection, DbTransaction tx, string tenantId, long nowMicros, List<EntityRow> rows, CancellationToken cancellationToken);

    /// <summary>The column list of <c>entities</c>, in the order the upserts bind them.</summary>
    protected const string EntityColumns = "tenant_id, entity_type, entity_id, payload, field_stamps, head, truth_level, last_modified_by_level, accepted_by_user, deleted, version, origin_chain, last_modified_at, changed_at, seq";

    /// <summary>The conflict clause shared by both upserts: every column but the key takes the new value.</summary>
    protected const string EntityUpsertConflict = """
        ON CONFLICT (tenant_id, entity_type, entity_id) DO UPDATE SET
            payload = excluded.payload, field_stamps = excluded.field_stamps, head = excluded.head, truth_level = excluded.truth_level,
            last_modified_by_level = excluded.last_modified_by_level, accepted_by_user = excluded.accepted_by_user, deleted = excluded.deleted,
            version = excluded.version, origin_chain = excluded.origin_chain, last_modified_at = excluded.last_modified_at, changed_at = excluded.changed_at, seq = excluded.seq
        """;

    /// <summary>Inserts one audit row into <paramref name="table"/> (parameters @t, @at, @kind, @p, @b, @et, @ei, @d).</summary>
    protected abstract string InsertEventSql(string table);

    /// <summary>The larger of two expressions.</summary>
    protected abstract string Greatest(string a, string b);

    /// <summary>True when the exception is a unique-key violation.</summary>
    protected abstract bool IsUniqueViolation(DbException exception);

    public abstract ValueTask DisposeAsync();

    protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Statements are constants of this assembly; values are always parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }

        return command;
    }

    protected static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    protected static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    protected static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    protected static long? NullableLong(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}
