using System.Data.Common;
using DbUp;
using Npgsql;

namespace Realign.Storage.Internal;

/// <summary>The scale-out backend: PostgreSQL 15+, JSON columns as jsonb, one pooled data source.</summary>
internal sealed class PostgresReplicaStore(string connectionString) : SqlReplicaStore
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    // Pull pages walk ix_entities_seq. Right after a bulk load (before autovacuum analyzes the table) the planner
    // underestimates the tenant's rows and picks a bitmap scan plus a sort of every later row: ~50 ms a page at
    // 100,000 rows instead of ~1 ms. Pull connections forbid those two plan shapes, so the index is always used.
    private readonly NpgsqlDataSource _pullSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
    {
        Options = (new NpgsqlConnectionStringBuilder(connectionString).Options + " -c enable_sort=off -c enable_bitmapscan=off").Trim(),
    }.ConnectionString);

    public override string Backend => "postgres";

    protected override string HeadUtf8Column => "convert_to(head, 'UTF8')";

    protected override string JsonCast => "::jsonb";

    protected override string MigrationMarker => ".Migrations.Postgres.";

    // DbUp's journal on PostgreSQL (public.schemaversions).
    protected override string JournalSql => "SELECT scriptname FROM schemaversions";

    // The full-text vector of a note or task: title weight A, body (or text) weight B; sealed values and values that are
    // not strings are empty text.
    private const string TextVector =
        "(setweight(to_tsvector('simple'::regconfig, CASE WHEN jsonb_typeof(e.payload->'title') = 'string' AND left(e.payload->>'title', 4) <> 'rl1:' THEN e.payload->>'title' ELSE '' END), 'A') "
        + "|| setweight(to_tsvector('simple'::regconfig, CASE WHEN jsonb_typeof(e.payload->'body') = 'string' AND left(e.payload->>'body', 4) <> 'rl1:' THEN e.payload->>'body' "
        + "WHEN jsonb_typeof(e.payload->'text') = 'string' AND left(e.payload->>'text', 4) <> 'rl1:' THEN e.payload->>'text' ELSE '' END), 'B'))";

    private const string ChangedTexts = "e.tenant_id = @t AND e.seq > @from AND e.seq <= @to AND e.entity_type IN ('note', 'task')";

    protected override IReadOnlyList<string> OrphanTextSql { get; } =
    [
        "DELETE FROM entity_text t WHERE t.tenant_id = @t AND NOT EXISTS (SELECT 1 FROM entities e WHERE e.tenant_id = t.tenant_id AND e.entity_type = t.entity_type AND e.entity_id = t.entity_id)",
    ];

    protected override string SearchTextSql =>
        "SELECT t.entity_type, t.entity_id FROM entity_text t JOIN entities e ON e.tenant_id = t.tenant_id AND e.entity_type = t.entity_type AND e.entity_id = t.entity_id "
        + "WHERE t.tenant_id = @t AND e.deleted = FALSE AND t.tsv @@ to_tsquery('simple'::regconfig, @q) "
        + "ORDER BY ts_rank(t.tsv, to_tsquery('simple'::regconfig, @q)) DESC, t.entity_type, t.entity_id LIMIT @n";

    // The changed live notes and tasks indexed again, the changed deleted ones taken out.
    protected override IReadOnlyList<string> RefreshTextSql { get; } =
    [
        $"INSERT INTO entity_text (tenant_id, entity_type, entity_id, tsv) SELECT e.tenant_id, e.entity_type, e.entity_id, {TextVector} FROM entities e WHERE {ChangedTexts} AND e.deleted = FALSE "
            + "ON CONFLICT (tenant_id, entity_type, entity_id) DO UPDATE SET tsv = excluded.tsv",
        $"DELETE FROM entity_text t USING entities e WHERE {ChangedTexts} AND e.deleted = TRUE AND t.tenant_id = e.tenant_id AND t.entity_type = e.entity_type AND t.entity_id = e.entity_id",
    ];

    // One refresh of a tenant's keyword index at a time across servers (a transaction-scoped advisory lock; 0x7265616c is "real").
    protected override string? RefreshTextLockSql => "SELECT pg_advisory_xact_lock(1919246700, hashtext(@t))";

    // Any of the terms (letters and digits only, so none is an operator).
    protected override string TextQuery(IReadOnlyList<string> terms) => string.Join(" | ", terms);

    // One primary-key lookup per key, whatever the statistics say. Two plans seen on stale statistics (a tenant that grew
    // after the table was last analyzed, so the planner expects it to hold one row), both reading every row of the tenant:
    // - "(entity_type, entity_id) IN (SELECT ... FROM json_array_elements(...))" became a hash semi-join over the tenant's
    //   rows: 150-250 ms per batch at 1,000,000 entities;
    // - a LATERAL lookup per key with "tenant_id = @t" used ix_entities_changed_at with the key as a filter (the planner
    //   costs every tenant_id-prefixed index alike when it expects one row): 150 ms per key.
    // The tenant id now comes from a subquery behind an OFFSET 0 fence, so the planner cannot see its value and costs
    // "tenant_id = ?" at the average tenant size; the full-key match on the primary key then always wins. LIMIT 1 keeps
    // the LATERAL subquery from being flattened into a join (PostgresLoadPlanTests, docs/performance.md).
    internal const string LoadHeadsQuery = """
        SELECT e.entity_type, e.entity_id, e.head
        FROM (SELECT @t::text AS id OFFSET 0) AS t
        CROSS JOIN json_array_elements(@keys::json) AS k
        CROSS JOIN LATERAL (SELECT entity_type, entity_id, head FROM entities WHERE tenant_id = t.id AND entity_type = k->>0 AND entity_id = k->>1 LIMIT 1) AS e
        """;

    /// <summary>The first lookup this backend used, kept so a test can show the plan it gets on stale statistics.</summary>
    internal const string LoadHeadsQueryIn =
        "SELECT entity_type, entity_id, head FROM entities WHERE tenant_id = @t AND (entity_type, entity_id) IN (SELECT k->>0, k->>1 FROM json_array_elements(@keys::json) AS k)";

    protected override string LoadHeadsSql => LoadHeadsQuery;

    private const string UpsertEntitiesSql = $"""
        INSERT INTO entities ({EntityColumns})
        SELECT @t, r.et, r.ei, r.p::jsonb, r.fs::jsonb, r.h, r.tl, r.lml, r.abu, r.d, r.v, r.oc::jsonb, r.lma, @now, r.s
        FROM unnest(@et::text[], @ei::text[], @p::text[], @fs::text[], @h::text[], @tl::bigint[], @lml::bigint[], @abu::boolean[], @d::boolean[], @v::bigint[], @oc::text[], @lma::bigint[], @s::bigint[])
             AS r(et, ei, p, fs, h, tl, lml, abu, d, v, oc, lma, s)
        {EntityUpsertConflict}
        """;

    /// <summary>One statement per batch: every column passed as an array and joined back into rows by <c>unnest</c>.</summary>
    protected override async Task UpsertEntitiesAsync(DbConnection connection, DbTransaction tx, string tenantId, long nowMicros, List<EntityRow> rows, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, tx, UpsertEntitiesSql, ("@t", tenantId), ("@now", nowMicros),
            ("@et", rows.ConvertAll(r => r.EntityType)), ("@ei", rows.ConvertAll(r => r.EntityId)), ("@p", rows.ConvertAll(r => r.Payload)),
            ("@fs", rows.ConvertAll(r => r.FieldStamps)), ("@h", rows.ConvertAll(r => r.Head)), ("@tl", rows.ConvertAll(r => (long)r.TruthLevel)),
            ("@lml", rows.ConvertAll(r => (long?)r.LastModifiedByLevel)), ("@abu", rows.ConvertAll(r => r.AcceptedByUser)), ("@d", rows.ConvertAll(r => r.Deleted)),
            ("@v", rows.ConvertAll(r => r.Version)), ("@oc", rows.ConvertAll(r => r.OriginChain)), ("@lma", rows.ConvertAll(r => r.LastModifiedAt)), ("@s", rows.ConvertAll(r => r.Seq)));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }



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
        await LoadEpochAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override async Task<DbConnection> OpenPullAsync(CancellationToken cancellationToken) =>
        await _pullSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    protected override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);

    protected override string InsertEventSql(string table) =>
        $"INSERT INTO {table} (tenant_id, at, kind, principal_id, batch_id, entity_type, entity_id, detail) VALUES (@t, @at, @kind, @p, @b, @et, @ei, @d::jsonb)";

    protected override string Greatest(string a, string b) => $"GREATEST({a}, {b})";

    protected override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>The channel every server notifies on commit and listens to; the payload is the tenant id.</summary>
    internal const string ChangeChannel = "realign_changes";

    private readonly CancellationTokenSource _stopFeed = new();
    private readonly Lock _feedLock = new();
    private readonly TaskCompletionSource _feedListening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _feed;

    private int _feedConnections;

    /// <summary>Completes once the change feed's LISTEN is in place (for tests that must not race it).</summary>
    internal Task ChangeFeedListening => _feedListening.Task;

    /// <summary>How many times the change feed has connected and listened (1 after the start, +1 per reconnect).</summary>
    internal int ChangeFeedConnections => Volatile.Read(ref _feedConnections);

    /// <summary>The wake-ups of this store's waiters (for tests).</summary>
    internal TenantSignals TenantSignalsForTests => Signals;

    protected override string? NotifyChangeSql => $"SELECT pg_notify('{ChangeChannel}', @t)";

    /// <summary>Starts, once, the loop that LISTENs on <see cref="ChangeChannel"/> and wakes this server's waiters of the
    /// tenant named in each notification; it reconnects after a failure and then wakes every waiter (they re-read).</summary>
    internal protected override Task StartChangeFeedAsync(CancellationToken cancellationToken)
    {
        lock (_feedLock)
        {
            _feed ??= Task.Run(() => ListenAsync(_stopFeed.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    private async Task ListenAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(stop).ConfigureAwait(false);
                connection.Notification += (_, e) => Signals.Signal(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {ChangeChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stop).ConfigureAwait(false);
                }

                // Commits made while this connection was down were not heard: let every waiter read its sequence again.
                Signals.SignalAll();
                Interlocked.Increment(ref _feedConnections);
                _feedListening.TrySetResult();
                while (!stop.IsCancellationRequested)
                {
                    await connection.WaitAsync(stop).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception) when (!stop.IsCancellationRequested)
            {
                // Any failure of the listening connection (server restart, network, timeout): wake every waiter so each
                // reads its cursor again, then reconnect. The feed never ends on its own while the store is open.
                Signals.SignalAll();
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _stopFeed.CancelAsync().ConfigureAwait(false);
        if (_feed is { } feed)
        {
            await feed.ConfigureAwait(false);
        }

        _stopFeed.Dispose();
        await _pullSource.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }
}
