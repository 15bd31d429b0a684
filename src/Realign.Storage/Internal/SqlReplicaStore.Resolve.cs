using System.Data.Common;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Truth;

namespace Realign.Storage.Internal;

internal abstract partial class SqlReplicaStore
{
    public async Task<ResolveResult> ResolveAsync(ResolveCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var request = command.Request;
        if ((request.ConflictId is null) == (request.ProposalId is null))
        {
            throw new ReplicaStoreException("invalid-request", "give exactly one of conflict_id and proposal_id");
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        var (seq, policy) = await LockTenantAsync(connection, tx, command.TenantId, cancellationToken).ConfigureAwait(false);
        var run = new BatchRun(command.TenantId, command.PrincipalId, null, command.NowMicros, seq, policy);
        Write write;
        string? resolution = null;
        if (request.ConflictId is { } conflictId)
        {
            var (key, field, winner, loser, status) = await LoadConflictAsync(connection, tx, command.TenantId, conflictId, cancellationToken).ConfigureAwait(false);
            if (status != "open")
            {
                throw new ReplicaStoreException("conflict", $"conflict '{conflictId}' is already resolved");
            }

            string value;
            if (request.Value is { } merged)
            {
                value = JsonValues.ToCompact(merged);
                resolution = "value";
            }
            else
            {
                resolution = request.Keep switch
                {
                    "winner" or "loser" => request.Keep,
                    _ => throw new ReplicaStoreException("invalid-request", "keep must be 'winner' or 'loser', or give a merged value"),
                };
                var kept = resolution == "winner" ? winner : loser;
                value = kept.Value is { } v ? JsonValues.ToCompact(v) : JsonValues.Null;
            }

            var states = await LoadStatesAsync(connection, tx, command.TenantId, [key], cancellationToken).ConfigureAwait(false);
            var state = states.GetValueOrDefault(key) ?? throw new ReplicaStoreException("not-found", "the conflict's entity no longer exists");
            write = UserWrite(state, field, value, command, acceptedFrom: null);
            await ExecuteAsync(connection, tx, "UPDATE conflicts SET status = 'resolved', resolution = @r, resolved_value = @v, resolved_at = @at WHERE tenant_id = @t AND conflict_id = @c", cancellationToken,
                ("@r", resolution), ("@v", value), ("@at", command.NowMicros), ("@t", command.TenantId), ("@c", conflictId)).ConfigureAwait(false);
        }
        else
        {
            var proposalId = request.ProposalId!;
            var (key, field, proposed, source, status) = await LoadProposalAsync(connection, tx, command.TenantId, proposalId, cancellationToken).ConfigureAwait(false);
            if (status != "pending")
            {
                throw new ReplicaStoreException("conflict", $"proposal '{proposalId}' is already {status}");
            }

            var states = await LoadStatesAsync(connection, tx, command.TenantId, [key], cancellationToken).ConfigureAwait(false);
            var state = states.GetValueOrDefault(key) ?? throw new ReplicaStoreException("not-found", "the proposal's entity no longer exists");
            switch (request.Action)
            {
                case "accept":
                    if (!command.CanAccept)
                    {
                        throw new ReplicaStoreException("forbidden", "this token may not accept proposals");
                    }

                    var value = request.Value is { } edited ? JsonValues.ToCompact(edited) : proposed;
                    write = UserWrite(state, field, value, command, acceptedFrom: source);
                    run.ForcedAccept = proposalId;
                    break;
                case "reject":
                    var current = state.FindField(field)?.User?.Value ?? JsonValues.Null;
                    write = UserWrite(state, field, current, command, acceptedFrom: null);
                    break;
                default:
                    throw new ReplicaStoreException("invalid-request", "action must be 'accept' or 'reject'");
            }
        }

        await ApplyWritesAsync(connection, tx, run, [write], cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        Signals.Signal(command.TenantId);
        var result = run.Results[0];
        return new ResolveResult(result.Outcome!, result.Version, result.EntityType!, result.EntityId!);
    }

    /// <summary>A level-1 write of one field (or the deleted flag) that outranks the field's current registers.</summary>
    private static Write UserWrite(EntityState state, string field, string value, ResolveCommand command, string? acceptedFrom)
    {
        var existing = state.FindField(field);
        var latest = existing?.Effective?.Stamp.AtMicros ?? 0;
        foreach (var other in existing?.Others ?? [])
        {
            latest = Math.Max(latest, other.Stamp.AtMicros);
        }

        var stamp = new Stamp(TruthLevel.User, Math.Max(command.NowMicros, latest + 1), command.UserOrigin);
        return field == EntityState.DeletedField
            ? new Write(state.Key, stamp, [], value == "true", acceptedFrom, state.Version)
            : new Write(state.Key, stamp, [new(field, value)], false, acceptedFrom, state.Version);
    }

    private static async Task<(EntityKey Key, string Field, RegisterDto Winner, RegisterDto Loser, string Status)> LoadConflictAsync(DbConnection connection, DbTransaction tx, string tenantId, string id, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, tx, "SELECT entity_type, entity_id, field, winner, loser, status FROM conflicts WHERE tenant_id = @t AND conflict_id = @c", ("@t", tenantId), ("@c", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new ReplicaStoreException("not-found", $"no conflict '{id}'");
        }

        return (new EntityKey(tenantId, reader.GetString(0), reader.GetString(1)), reader.GetString(2), Registers.FromJson(reader.GetString(3)), Registers.FromJson(reader.GetString(4)), reader.GetString(5));
    }

    private static async Task<(EntityKey Key, string Field, string Value, string Source, string Status)> LoadProposalAsync(DbConnection connection, DbTransaction tx, string tenantId, string id, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, tx, "SELECT entity_type, entity_id, field, value, source, status FROM proposals WHERE tenant_id = @t AND proposal_id = @p", ("@t", tenantId), ("@p", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new ReplicaStoreException("not-found", $"no proposal '{id}'");
        }

        return (new EntityKey(tenantId, reader.GetString(0), reader.GetString(1)), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5));
    }
}
