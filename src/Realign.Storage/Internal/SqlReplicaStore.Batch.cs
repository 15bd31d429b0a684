using System.Data.Common;
using System.Text.Json;
using Realign.Core.Contract;
using Realign.Core.Merge;

namespace Realign.Storage.Internal;

internal abstract partial class SqlReplicaStore
{
    public async Task<PushResponse> ApplyBatchAsync(BatchCommand command, CancellationToken cancellationToken = default) =>
        (await ApplyBatchToJsonAsync(command, cancellationToken).ConfigureAwait(false)).Response;

    public async Task<AppliedBatch> ApplyBatchToJsonAsync(BatchCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var activity = StoreTelemetry.Start("realign.store.apply_batch", Backend);
        activity?.SetTag("realign.batch.items", command.Writes.Count);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var (seq, policy) = await LockTenantAsync(connection, tx, command.TenantId, cancellationToken).ConfigureAwait(false);

        // The only replay check that decides: an earlier or concurrent push of the same batch id has committed before this lock.
        if (await ReadBatchAsync(connection, tx, command.TenantId, command.BatchId, command.PrincipalId, command.RequestHash, cancellationToken).ConfigureAwait(false) is { } raced)
        {
            await tx.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return new AppliedBatch(raced, JsonSerializer.SerializeToUtf8Bytes(raced, RealignJsonContext.Default.PushResponse));
        }

        await CheckFenceAsync(connection, tx, command, cancellationToken).ConfigureAwait(false);
        var run = new BatchRun(command.TenantId, command.PrincipalId, command.BatchId, command.NowMicros, seq, policy);
        await ApplyWritesAsync(connection, tx, run, command.Writes, cancellationToken).ConfigureAwait(false);
        var response = new PushResponse { BatchId = command.BatchId, Results = run.Results, Cursor = run.Seq };
        var json = JsonSerializer.SerializeToUtf8Bytes(response, RealignJsonContext.Default.PushResponse);
        await ExecuteAsync(connection, tx, "INSERT INTO idempotency (tenant_id, batch_id, principal_id, response, created_at, request_hash) VALUES (@t, @b, @p, @r, @at, @h)", cancellationToken,
            ("@t", command.TenantId), ("@b", command.BatchId), ("@p", command.PrincipalId), ("@r", System.Text.Encoding.UTF8.GetString(json)), ("@at", command.NowMicros), ("@h", command.RequestHash)).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (run.Seq != seq)
        {
            Signals.Signal(command.TenantId);
        }

        return new AppliedBatch(response, json);
    }

    public async Task<PushResponse?> FindBatchAsync(string tenantId, string batchId, string principalId, string? requestHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadBatchAsync(connection, null, tenantId, batchId, principalId, requestHash, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The stored response of the batch id, when the same principal used it with the same body (a row from before
    /// request hashes were kept matches any body); another principal or body is <see cref="BatchIdReusedException"/>.</summary>
    private static async Task<PushResponse?> ReadBatchAsync(DbConnection connection, DbTransaction? tx, string tenantId, string batchId, string principalId, string? requestHash, CancellationToken cancellationToken)
    {
        string json;
        await using (var command = Command(connection, tx, "SELECT response, principal_id, request_hash FROM idempotency WHERE tenant_id = @t AND batch_id = @b", ("@t", tenantId), ("@b", batchId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var storedHash = reader.IsDBNull(2) ? null : reader.GetString(2);
            if (reader.GetString(1) != principalId || (storedHash is not null && requestHash is not null && storedHash != requestHash))
            {
                throw new BatchIdReusedException(batchId);
            }

            json = reader.GetString(0);
        }

        var response = JsonSerializer.Deserialize(json, RealignJsonContext.Default.PushResponse)!;
        response.Replayed = true;
        return response;
    }

    /// <summary>Takes the tenant row lock (held to commit) and reads the sequence and policy under it.</summary>
    private static async Task<(long Seq, SchemaPolicy Policy)> LockTenantAsync(DbConnection connection, DbTransaction tx, string tenantId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, tx, "UPDATE tenants SET seq = seq WHERE id = @t RETURNING seq, schema_policy", ("@t", tenantId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new ReplicaStoreException("not-found", $"no tenant '{tenantId}'");
        }

        return (reader.GetInt64(0), SchemaPolicies.Parse(reader.GetString(1)));
    }

    /// <summary>Merges the writes into the loaded heads and writes back every changed entity, each with its own sequence number.</summary>
    private async Task ApplyWritesAsync(DbConnection connection, DbTransaction tx, BatchRun run, IReadOnlyList<Write> writes, CancellationToken cancellationToken)
    {
        var keys = writes.Select(w => w.Key).Distinct().ToList();
        var states = await LoadStatesAsync(connection, tx, run.TenantId, keys, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < writes.Count; i++)
        {
            var current = states.TryGetValue(writes[i].Key, out var held) ? held.Version : 0;
            if (writes[i].ClaimedVersion is { } claimed && claimed > current)
            {
                throw new VersionAheadException(i, claimed, current);
            }
        }

        var pendingBefore = states.ToDictionary(kv => kv.Key, kv => kv.Value.PendingProposals().ToList());
        var dirty = new List<EntityKey>();
        var dirtySet = new HashSet<EntityKey>();
        var conflicts = new List<ConflictRecord>();
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            if (!states.TryGetValue(write.Key, out var state))
            {
                state = new EntityState(write.Key);
                states[write.Key] = state;
            }

            var result = EntityMerger.Apply(state, write, run.Policy);
            if (result.Changed && dirtySet.Add(write.Key))
            {
                dirty.Add(write.Key);
            }

            conflicts.AddRange(result.Conflicts);
            run.Results.Add(new ItemResultDto
            {
                Index = i,
                EntityType = write.Key.EntityType,
                EntityId = write.Key.EntityId,
                Outcome = result.Outcome,
                Version = result.Version,
                ProposalIds = result.Proposals.Count > 0 ? result.Proposals.Select(p => p.Id).ToList() : null,
                ConflictIds = result.Conflicts.Count > 0 ? result.Conflicts.Select(c => c.Id).ToList() : null,
            });
            if (result.Outcome == ItemOutcome.Discarded)
            {
                run.Events.Add(new EventEntry(0, run.NowMicros, "discarded", run.PrincipalId, run.BatchId, write.Key.EntityType, write.Key.EntityId,
                    EventDetails.Discarded(i, write)));
            }
        }

        if (dirty.Count > 0)
        {
            var rows = new List<(EntityState State, long Seq)>(dirty.Count);
            foreach (var key in dirty)
            {
                rows.Add((states[key], ++run.Seq));
            }

            await UpsertEntitiesAsync(connection, tx, run.TenantId, run.NowMicros, EntityRows.From(rows), cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, tx, "UPDATE tenants SET seq = @s WHERE id = @t", cancellationToken, ("@s", run.Seq), ("@t", run.TenantId)).ConfigureAwait(false);
            if (NotifyChangeSql is { } notify)
            {
                await ExecuteAsync(connection, tx, notify, cancellationToken, ("@t", run.TenantId)).ConfigureAwait(false);
            }

            foreach (var key in dirty)
            {
                await SyncProposalsAsync(connection, tx, run, states[key], pendingBefore.GetValueOrDefault(key) ?? [], cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var conflict in conflicts)
        {
            await ExecuteAsync(connection, tx,
                "INSERT INTO conflicts (tenant_id, conflict_id, entity_type, entity_id, field, winner, loser, status, created_at) VALUES (@t, @c, @et, @ei, @f, @w, @l, 'open', @at) ON CONFLICT (tenant_id, conflict_id) DO NOTHING",
                cancellationToken, ("@t", run.TenantId), ("@c", conflict.Id), ("@et", conflict.Key.EntityType), ("@ei", conflict.Key.EntityId), ("@f", conflict.Field),
                ("@w", Registers.ToJson(conflict.Winner)), ("@l", Registers.ToJson(conflict.Loser)), ("@at", run.NowMicros)).ConfigureAwait(false);
            run.Events.Add(new EventEntry(0, run.NowMicros, "conflict", run.PrincipalId, run.BatchId, conflict.Key.EntityType, conflict.Key.EntityId, EventDetails.Conflict(conflict)));
        }

        foreach (var entry in run.Events)
        {
            await InsertEventAsync(connection, tx, EventLog.Sync, run.TenantId, entry, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Loads the states of <paramref name="keys"/> that exist, by their heads.</summary>
    protected virtual async Task<Dictionary<EntityKey, EntityState>> LoadStatesAsync(DbConnection connection, DbTransaction? tx, string tenantId, List<EntityKey> keys, CancellationToken cancellationToken)
    {
        var states = new Dictionary<EntityKey, EntityState>(keys.Count);
        await using var command = Command(connection, tx, LoadHeadsSql, ("@t", tenantId), ("@keys", EntityRows.KeysJson(keys)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var head = JsonSerializer.Deserialize(reader.GetString(2), RealignJsonContext.Default.SyncItem)!;
            var state = EntityCodec.FromHead(head, tenantId);
            states[state.Key] = state;
        }

        return states;
    }

    private static async Task SyncProposalsAsync(DbConnection connection, DbTransaction tx, BatchRun run, EntityState state, List<PendingProposal> before, CancellationToken cancellationToken)
    {
        var after = state.PendingProposals().ToList();
        var afterIds = after.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var beforeIds = before.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var p in after.Where(p => !beforeIds.Contains(p.Id)))
        {
            await ExecuteAsync(connection, tx,
                "INSERT INTO proposals (tenant_id, proposal_id, entity_type, entity_id, field, value, current_value, level, source, at, status, created_seq) VALUES (@t, @id, @et, @ei, @f, @v, @c, @l, @s, @at, 'pending', @seq) ON CONFLICT (tenant_id, proposal_id) DO UPDATE SET status = 'pending', decided_at = NULL, current_value = @c",
                cancellationToken, ("@t", run.TenantId), ("@id", p.Id), ("@et", p.Key.EntityType), ("@ei", p.Key.EntityId), ("@f", p.Field), ("@v", p.Proposed.Value),
                ("@c", p.Current.Value), ("@l", (long)p.Proposed.Stamp.Level), ("@s", p.Proposed.Stamp.Origin), ("@at", p.Proposed.Stamp.AtMicros), ("@seq", run.Seq)).ConfigureAwait(false);
        }

        foreach (var p in before.Where(p => !afterIds.Contains(p.Id)))
        {
            // A proposal leaves the pending set when a later user write covers its field: accepted if that write holds its value.
            var user = state.FindField(p.Field)?.User;
            var status = run.ForcedAccept == p.Id || (user is { } u && u.Value == p.Proposed.Value) ? "accepted" : "rejected";
            await ExecuteAsync(connection, tx, "UPDATE proposals SET status = @st, decided_at = @at WHERE tenant_id = @t AND proposal_id = @id AND status = 'pending'", cancellationToken,
                ("@st", status), ("@at", run.NowMicros), ("@t", run.TenantId), ("@id", p.Id)).ConfigureAwait(false);
        }
    }

    public async Task<SyncItem?> GetEntityAsync(EntityKey key, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var head = await ScalarAsync(connection, null, "SELECT head FROM entities WHERE tenant_id = @t AND entity_type = @et AND entity_id = @ei", cancellationToken,
            ("@t", key.TenantId), ("@et", key.EntityType), ("@ei", key.EntityId)).ConfigureAwait(false) as string;
        return head is null ? null : JsonSerializer.Deserialize(head, RealignJsonContext.Default.SyncItem);
    }
}
