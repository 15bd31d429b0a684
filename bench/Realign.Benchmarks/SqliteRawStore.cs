using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Realign.Benchmarks;

/// <summary>Raw SQLite: the server's pragmas, one BEGIN IMMEDIATE transaction per batch, one prepared upsert executed per row.</summary>
internal sealed class SqliteRawStore(string path) : RawStore
{
    private const string Columns = "tenant_id, entity_type, entity_id, payload, field_stamps, head, truth_level, last_modified_by_level, accepted_by_user, deleted, version, origin_chain, last_modified_at, changed_at, seq";

    private readonly SqliteConnection _connection = new(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString());

    public override async Task CreateTableAsync(CancellationToken cancellationToken)
    {
        await _connection.OpenAsync(cancellationToken);
        await ExecAsync("PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;", cancellationToken);
        var ddl = new List<string>();
        await using (var command = _connection.CreateCommand())
        {
            // The table and its indexes; not the triggers that keep the server's keyword index (they write its own tables).
            command.CommandText = "SELECT sql FROM sqlite_master WHERE tbl_name = 'entities' AND type IN ('table', 'index') AND sql IS NOT NULL";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ddl.Add(reader.GetString(0).Replace("entities", Table, StringComparison.Ordinal));
            }
        }

        foreach (var statement in ddl)
        {
            await ExecAsync(statement, cancellationToken);
        }
    }

    public override async Task<TimeSpan> UpsertAsync(IReadOnlyList<RawRow> rows, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await using var tx = _connection.BeginTransaction(deferred: false);
        await using var command = _connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"""
            INSERT INTO {Table} ({Columns}) VALUES ($t, $et, $ei, $p, $fs, $h, $tl, $lml, $abu, $d, $v, $oc, $lma, $ca, $s)
            ON CONFLICT (tenant_id, entity_type, entity_id) DO UPDATE SET payload = excluded.payload, field_stamps = excluded.field_stamps, head = excluded.head,
                truth_level = excluded.truth_level, last_modified_by_level = excluded.last_modified_by_level, accepted_by_user = excluded.accepted_by_user,
                deleted = excluded.deleted, version = excluded.version, origin_chain = excluded.origin_chain, last_modified_at = excluded.last_modified_at,
                changed_at = excluded.changed_at, seq = excluded.seq
            """;
        var names = new[] { "$t", "$et", "$ei", "$p", "$fs", "$h", "$tl", "$lml", "$abu", "$d", "$v", "$oc", "$lma", "$ca", "$s" };
        var parameters = names.Select(n => command.Parameters.Add(n, SqliteType.Text)).ToArray();
        command.Prepare();
        foreach (var r in rows)
        {
            object?[] values = [r.TenantId, r.EntityType, r.EntityId, r.Payload, r.FieldStamps, r.Head, r.TruthLevel, r.LastModifiedByLevel, r.AcceptedByUser, r.Deleted, r.Version, r.OriginChain, r.LastModifiedAt, r.ChangedAt, r.Seq];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].SqliteType = values[i] is string ? SqliteType.Text : SqliteType.Integer;
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return watch.Elapsed;
    }

    public override async Task<int> ReadAllAsync(string tenantId, bool parse, CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT seq, head FROM {Table} WHERE tenant_id = $t ORDER BY seq";
        command.Parameters.AddWithValue("$t", tenantId);
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        var count = 0;
        long bytes = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            _ = reader.GetInt64(0);
            bytes += Take(reader.GetString(1), parse);
            count++;
        }

        return bytes > 0 ? count : 0;
    }

    /// <summary>The raw read through SQLitePCLRaw, the layer the server's pull uses: each head is taken as a span of SQLite's
    /// row buffer and decoded to a string, as <see cref="ReadAllAsync"/> decodes it.</summary>
    public override Task<int?> ReadAllNativeAsync(string tenantId, bool parse, CancellationToken cancellationToken)
    {
        var db = _connection.Handle!;
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, $"SELECT seq, head FROM {Table} WHERE tenant_id = ?1 ORDER BY seq", out var statement), db);
        using (statement)
        {
            SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_text(statement, 1, tenantId), db);
            var count = 0;
            long chars = 0;
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                _ = raw.sqlite3_column_int64(statement, 0);
                chars += Take(raw.sqlite3_column_blob(statement, 1), parse);
                count++;
            }

            SqliteException.ThrowExceptionForRC(rc == raw.SQLITE_DONE ? raw.SQLITE_OK : rc, db);
            return Task.FromResult<int?>(chars > 0 ? count : 0);
        }
    }

    private async Task ExecAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
#pragma warning disable CA2100 // DDL copied from the database's own schema.
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
