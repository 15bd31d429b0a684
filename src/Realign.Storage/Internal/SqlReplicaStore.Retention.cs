using System.Globalization;

namespace Realign.Storage.Internal;

internal abstract partial class SqlReplicaStore
{
    /// <summary>Rows removed per statement of a retention pass: each chunk is its own short transaction, so a large first
    /// pass never holds a tenant's lock (and with it its pushes) for long.</summary>
    private const int RetentionChunk = 5000;

    /// <summary>The most chunks one table gives a pass (a bound for the loop; at 5,000 rows each, 100 million rows).</summary>
    private const int MaxRetentionChunks = 20_000;

    /// <summary>Entity rows a retention pass removes: tombstones, and the <c>ai-usage</c> records (derived, written once, only
    /// ever read as a log).</summary>
    private const string RetiredEntities = "tenant_id = @t AND seq <= @s AND (deleted = TRUE OR entity_type = 'ai-usage')";

    /// <summary>Statements that take out the keyword index's rows of entities no longer stored (none where there is no index).</summary>
    protected virtual IReadOnlyList<string> OrphanTextSql => [];

    public async Task<RetentionRun> ApplyRetentionAsync(string tenantId, long horizonMicros, CancellationToken cancellationToken = default)
    {
        var upTo = await CursorAtAsync(tenantId, horizonMicros, cancellationToken).ConfigureAwait(false);
        long purged;
        await using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            // The horizon rises only as far as the last row that goes: a client whose cursor is past it misses nothing and
            // keeps pulling; one behind it is told to resync (410 resync-required) before any of those rows is gone.
            var last = await ScalarAsync(connection, null, $"SELECT MAX(seq) FROM entities WHERE {RetiredEntities}", cancellationToken, ("@t", tenantId), ("@s", upTo)).ConfigureAwait(false);
            await using var tx = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            await LockTenantAsync(connection, tx, tenantId, cancellationToken).ConfigureAwait(false);
            if (last is not null)
            {
                await ExecuteAsync(connection, tx, $"UPDATE tenants SET purged_seq = {Greatest("purged_seq", "@s")} WHERE id = @t", cancellationToken,
                    ("@t", tenantId), ("@s", Convert.ToInt64(last, CultureInfo.InvariantCulture))).ConfigureAwait(false);
            }

            purged = Convert.ToInt64(await ScalarAsync(connection, tx, "SELECT purged_seq FROM tenants WHERE id = @t", cancellationToken, ("@t", tenantId)).ConfigureAwait(false), CultureInfo.InvariantCulture);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        // Tombstones go up to the horizon as it now stands (an operator's purge may have raised it further); usage records
        // only as far as the time horizon.
        var tombstones = await DeleteChunksAsync(tenantId, true,
            "DELETE FROM entities WHERE tenant_id = @t AND (entity_type, entity_id) IN (SELECT entity_type, entity_id FROM entities WHERE tenant_id = @t AND seq <= @s AND deleted = TRUE LIMIT @n)",
            cancellationToken, ("@s", purged)).ConfigureAwait(false);
        var usage = await DeleteChunksAsync(tenantId, true,
            "DELETE FROM entities WHERE tenant_id = @t AND (entity_type, entity_id) IN (SELECT entity_type, entity_id FROM entities WHERE tenant_id = @t AND seq <= @s AND entity_type = 'ai-usage' LIMIT @n)",
            cancellationToken, ("@s", Math.Min(purged, upTo))).ConfigureAwait(false);
        var proposals = await DeleteChunksAsync(tenantId, false,
            "DELETE FROM proposals WHERE tenant_id = @t AND proposal_id IN (SELECT proposal_id FROM proposals WHERE tenant_id = @t AND status <> 'pending' AND decided_at < @h LIMIT @n)",
            cancellationToken, ("@h", horizonMicros)).ConfigureAwait(false);
        var conflicts = await DeleteChunksAsync(tenantId, false,
            "DELETE FROM conflicts WHERE tenant_id = @t AND conflict_id IN (SELECT conflict_id FROM conflicts WHERE tenant_id = @t AND status = 'resolved' AND resolved_at < @h LIMIT @n)",
            cancellationToken, ("@h", horizonMicros)).ConfigureAwait(false);
        var events = 0;
        foreach (var table in new[] { "sync_events", "security_events" })
        {
            events += await DeleteChunksAsync(tenantId, false,
                $"DELETE FROM {table} WHERE tenant_id = @t AND event_id IN (SELECT event_id FROM {table} WHERE tenant_id = @t AND at < @h AND event_id < (SELECT MAX(event_id) FROM {table} WHERE tenant_id = @t) LIMIT @n)",
                cancellationToken, ("@h", horizonMicros)).ConfigureAwait(false);
        }

        var batches = await DeleteChunksAsync(tenantId, false,
            "DELETE FROM idempotency WHERE tenant_id = @t AND batch_id IN (SELECT batch_id FROM idempotency WHERE tenant_id = @t AND created_at < @h LIMIT @n)",
            cancellationToken, ("@h", horizonMicros)).ConfigureAwait(false);
        if (tombstones + usage > 0)
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            foreach (var sql in OrphanTextSql)
            {
                await ExecuteAsync(connection, null, sql, cancellationToken, ("@t", tenantId)).ConfigureAwait(false);
            }
        }

        return new RetentionRun(tenantId, purged, tombstones, usage, proposals, conflicts, events, batches);
    }

    public async Task<bool> TakeMaintenanceJobAsync(string name, string owner, long nowMicros, long untilMicros, long dueMicros, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(connection, null,
            "UPDATE maintenance_jobs SET lease_owner = @o, lease_until = @u WHERE name = @name AND (lease_owner IS NULL OR lease_until <= @now OR lease_owner = @o) AND (last_run IS NULL OR last_run <= @due)",
            cancellationToken, ("@name", name), ("@o", owner), ("@u", untilMicros), ("@now", nowMicros), ("@due", dueMicros)).ConfigureAwait(false) == 1;
    }

    public async Task FinishMaintenanceJobAsync(string name, string owner, long? ranAtMicros, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "UPDATE maintenance_jobs SET lease_owner = NULL, lease_until = 0, last_run = COALESCE(@ran, last_run) WHERE name = @name AND lease_owner = @o",
            cancellationToken, ("@name", name), ("@o", owner), ("@ran", ranAtMicros)).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="sql"/> (with <c>@t</c> the tenant and <c>@n</c> the chunk size) until it removes fewer
    /// rows than a chunk, each run in its own transaction, under the tenant's lock when <paramref name="lockTenant"/>.</summary>
    private async Task<int> DeleteChunksAsync(string tenantId, bool lockTenant, string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        (string, object?)[] all = [("@t", tenantId), ("@n", (long)RetentionChunk), .. parameters];
        var removed = 0;
        for (var chunk = 0; chunk < MaxRetentionChunks; chunk++)
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var tx = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            if (lockTenant)
            {
                await LockTenantAsync(connection, tx, tenantId, cancellationToken).ConfigureAwait(false);
            }

            var count = await ExecuteAsync(connection, tx, sql, cancellationToken, all).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            removed += count;
            if (count < RetentionChunk)
            {
                break;
            }
        }

        return removed;
    }

    public string Epoch { get; private set; } = "";

    public async Task<string> RenewEpochAsync(CancellationToken cancellationToken = default)
    {
        var epoch = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "UPDATE store_identity SET value = @v WHERE name = 'epoch'", cancellationToken, ("@v", epoch)).ConfigureAwait(false);
        Epoch = epoch;
        return epoch;
    }

    /// <summary>Reads the epoch into <see cref="Epoch"/> (at open, after the migrations).</summary>
    protected async Task LoadEpochAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        Epoch = (string)(await ScalarAsync(connection, null, "SELECT value FROM store_identity WHERE name = 'epoch'", cancellationToken).ConfigureAwait(false))!;
    }
}
