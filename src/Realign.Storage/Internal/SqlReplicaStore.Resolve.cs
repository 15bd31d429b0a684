using System.Data.Common;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Rules;
using Realign.Core.Truth;

namespace Realign.Storage.Internal;

internal abstract partial class SqlReplicaStore
{
    /// <summary>Loads what the resolution answers, lets <see cref="Resolutions"/> turn it into the level-1 write, and
    /// persists that write with the conflict's or proposal's new status, in one transaction.</summary>
    public async Task<ResolveResponse> ResolveAsync(ResolveCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var request = command.Request;
        try
        {
            Resolutions.CheckShape(request);
            var answer = request.ProposalId is null ? default : Resolutions.ReadAnswer(request.Action);
            var by = new Resolver(command.UserOrigin, command.CanAccept, command.NowMicros);
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var tx = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            var (seq, policy) = await LockTenantAsync(connection, tx, command.TenantId, cancellationToken).ConfigureAwait(false);
            var run = new BatchRun(command.TenantId, command.PrincipalId, null, command.NowMicros, seq, policy);
            Write write;
            if (request.ConflictId is { } conflictId)
            {
                var (key, field, winner, loser, status) = await LoadConflictAsync(connection, tx, command.TenantId, conflictId, cancellationToken).ConfigureAwait(false);
                if (status != "open")
                {
                    throw new ReplicaStoreException("conflict", $"conflict '{conflictId}' is already resolved");
                }

                var choice = Resolutions.ChooseForConflict(request, winner, loser);
                var state = await LoadStateAsync(connection, tx, key, "the conflict's", cancellationToken).ConfigureAwait(false);
                write = Resolutions.SettleConflict(state, field, choice, by);
                await ExecuteAsync(connection, tx, "UPDATE conflicts SET status = 'resolved', resolution = @r, resolved_value = @v, resolved_at = @at WHERE tenant_id = @t AND conflict_id = @c", cancellationToken,
                    ("@r", choice.Resolution), ("@v", choice.Value), ("@at", command.NowMicros), ("@t", command.TenantId), ("@c", conflictId)).ConfigureAwait(false);
            }
            else
            {
                var proposalId = request.ProposalId!;
                var (key, field, proposed, status) = await LoadProposalAsync(connection, tx, command.TenantId, proposalId, cancellationToken).ConfigureAwait(false);
                if (status != "pending")
                {
                    throw new ReplicaStoreException("conflict", $"proposal '{proposalId}' is already {status}");
                }

                var state = await LoadStateAsync(connection, tx, key, "the proposal's", cancellationToken).ConfigureAwait(false);
                var current = state.FindField(field)?.User ?? default;
                var proposal = new PendingProposal(proposalId, key, field, proposed, current);
                var edited = request.Value is { } e ? JsonValues.ToCompact(e) : null;
                write = Resolutions.AnswerProposal(state, proposal, answer, edited, by);
                if (answer == ProposalAnswer.Accept)
                {
                    run.ForcedAccept = proposalId;
                }
            }

            await ApplyWritesAsync(connection, tx, run, [write], cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            Signals.Signal(command.TenantId);
            var result = run.Results[0];
            return new ResolveResponse(result.Outcome, result.Version, result.EntityType!, result.EntityId!);
        }
        catch (ResolutionRefusedException ex)
        {
            throw new ReplicaStoreException(ex.Code, ex.Message);
        }
    }

    private async Task<EntityState> LoadStateAsync(DbConnection connection, DbTransaction tx, EntityKey key, string whose, CancellationToken cancellationToken)
    {
        var states = await LoadStatesAsync(connection, tx, key.TenantId, [key], cancellationToken).ConfigureAwait(false);
        return states.GetValueOrDefault(key) ?? throw new ReplicaStoreException("not-found", $"{whose} entity no longer exists");
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

    private static async Task<(EntityKey Key, string Field, Register Proposed, string Status)> LoadProposalAsync(DbConnection connection, DbTransaction tx, string tenantId, string id, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, tx, "SELECT entity_type, entity_id, field, value, level, at, source, status FROM proposals WHERE tenant_id = @t AND proposal_id = @p", ("@t", tenantId), ("@p", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new ReplicaStoreException("not-found", $"no proposal '{id}'");
        }

        var proposed = new Register(reader.GetString(3), new Stamp((TruthLevel)reader.GetInt64(4), reader.GetInt64(5), reader.GetString(6)));
        return (new EntityKey(tenantId, reader.GetString(0), reader.GetString(1)), reader.GetString(2), proposed, reader.GetString(7));
    }
}
