using System.Diagnostics;
using Npgsql;

namespace Realign.Benchmarks;

/// <summary>Raw PostgreSQL: one read-committed transaction per batch, one prepared multi-row upsert over <c>unnest</c> of column arrays.</summary>
internal sealed class PostgresRawStore(string connectionString) : RawStore
{
    private const string Upsert = $"""
        INSERT INTO {Table} (tenant_id, entity_type, entity_id, payload, field_stamps, head, truth_level, last_modified_by_level, accepted_by_user, deleted, version, origin_chain, last_modified_at, changed_at, seq)
        SELECT u.t, u.et, u.ei, u.p::jsonb, u.fs::jsonb, u.h, u.tl, u.lml, u.abu, u.d, u.v, u.oc::jsonb, u.lma, u.ca, u.s
        FROM unnest(@t::text[], @et::text[], @ei::text[], @p::text[], @fs::text[], @h::text[], @tl::bigint[], @lml::bigint[], @abu::boolean[], @d::boolean[], @v::bigint[], @oc::text[], @lma::bigint[], @ca::bigint[], @s::bigint[])
             AS u(t, et, ei, p, fs, h, tl, lml, abu, d, v, oc, lma, ca, s)
        ON CONFLICT (tenant_id, entity_type, entity_id) DO UPDATE SET payload = excluded.payload, field_stamps = excluded.field_stamps, head = excluded.head,
            truth_level = excluded.truth_level, last_modified_by_level = excluded.last_modified_by_level, accepted_by_user = excluded.accepted_by_user,
            deleted = excluded.deleted, version = excluded.version, origin_chain = excluded.origin_chain, last_modified_at = excluded.last_modified_at,
            changed_at = excluded.changed_at, seq = excluded.seq
        """;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);
    private NpgsqlConnection? _connection;

    public override async Task CreateTableAsync(CancellationToken cancellationToken)
    {
        _connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE TABLE {Table} (LIKE entities INCLUDING ALL)", _connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override async Task<TimeSpan> UpsertAsync(IReadOnlyList<RawRow> rows, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await using var tx = await _connection!.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, cancellationToken);
        await using var command = new NpgsqlCommand(Upsert, _connection, tx);
        command.Parameters.AddWithValue("t", rows.Select(r => r.TenantId).ToArray());
        command.Parameters.AddWithValue("et", rows.Select(r => r.EntityType).ToArray());
        command.Parameters.AddWithValue("ei", rows.Select(r => r.EntityId).ToArray());
        command.Parameters.AddWithValue("p", rows.Select(r => r.Payload).ToArray());
        command.Parameters.AddWithValue("fs", rows.Select(r => r.FieldStamps).ToArray());
        command.Parameters.AddWithValue("h", rows.Select(r => r.Head).ToArray());
        command.Parameters.AddWithValue("tl", rows.Select(r => r.TruthLevel).ToArray());
        command.Parameters.AddWithValue("lml", rows.Select(r => r.LastModifiedByLevel).ToArray());
        command.Parameters.AddWithValue("abu", rows.Select(r => r.AcceptedByUser).ToArray());
        command.Parameters.AddWithValue("d", rows.Select(r => r.Deleted).ToArray());
        command.Parameters.AddWithValue("v", rows.Select(r => r.Version).ToArray());
        command.Parameters.AddWithValue("oc", rows.Select(r => r.OriginChain).ToArray());
        command.Parameters.AddWithValue("lma", rows.Select(r => r.LastModifiedAt).ToArray());
        command.Parameters.AddWithValue("ca", rows.Select(r => r.ChangedAt).ToArray());
        command.Parameters.AddWithValue("s", rows.Select(r => r.Seq).ToArray());
        await command.PrepareAsync(cancellationToken);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return watch.Elapsed;
    }

    public override async Task<int> ReadAllAsync(string tenantId, bool parse, CancellationToken cancellationToken)
    {
        // The best plan for an ordered read is the seq index; before autovacuum analyzes the fresh table the planner may
        // pick a bitmap scan plus an on-disk sort instead, which would understate the engine's limit.
        await using (var settings = new NpgsqlCommand("SET enable_sort = off; SET enable_bitmapscan = off", _connection))
        {
            await settings.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = new NpgsqlCommand($"SELECT seq, head FROM {Table} WHERE tenant_id = @t ORDER BY seq", _connection);
        command.Parameters.AddWithValue("t", tenantId);
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        var count = 0;
        long chars = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            _ = reader.GetInt64(0);
            chars += Take(reader.GetString(1), parse);
            count++;
        }

        return chars > 0 ? count : 0;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        await _dataSource.DisposeAsync();
    }
}
