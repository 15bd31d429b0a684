using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Rules;
using Realign.Core.Truth;
using Realign.Vault.Storage;

namespace Realign.Vault;

public sealed partial class LocalVault
{
    /// <summary>Accepts a suggestion, optionally with an edited value: it becomes the user's (level 1, accepted_by_user).</summary>
    /// <param name="proposalId">The suggestion's id (<c>p_...</c>).</param>
    /// <param name="editedValueJson">A JSON value to accept instead of the proposed one.</param>
    /// <remarks>The write is the one <see cref="Resolutions.AnswerProposal"/> plans, as on the server. It is queued as the
    /// upgrade item of the wire contract: the proposal's lower level and origin with <c>accepted_by_user = true</c>; the
    /// server stamps it level 1 on this vault's channel, exactly as it is stamped here.</remarks>
    public long Accept(string proposalId, string? editedValueJson = null)
    {
        var p = FindProposal(proposalId);
        var edited = editedValueJson is null ? null : JsonValues.ToCompact(ParseValue(editedValueJson));
        return Answer(p, ProposalAnswer.Accept, edited, p.Proposed.Stamp.Level, p.Proposed.Stamp.Origin);
    }

    /// <summary>Rejects a suggestion: re-asserts the current user value as a new user write, which supersedes it.</summary>
    public long Reject(string proposalId)
    {
        var p = FindProposal(proposalId);
        return Answer(p, ProposalAnswer.Reject, null, TruthLevel.User, Settings.UserOrigin);
    }

    private long Answer(PendingProposal p, ProposalAnswer answer, string? edited, TruthLevel itemLevel, string itemOrigin)
    {
        try
        {
            return Commit(p.Key.EntityType, p.Key.EntityId, itemLevel, itemOrigin,
                (state, at) => Resolutions.AnswerProposal(state, p, answer, edited, new Resolver(Settings.UserOrigin, CanAccept: true, at)));
        }
        catch (ResolutionRefusedException ex)
        {
            throw new VaultException(ex.Message, ex);
        }
    }

    /// <summary>A value for a conflict resolution sent to the server: JSON or plain text, sealed like a local write.</summary>
    public System.Text.Json.JsonElement SealForResolve(string entityType, string entityId, string field, string valueText)
    {
        ArgumentNullException.ThrowIfNull(valueText);
        var compact = JsonValues.ToCompact(ParseValue(valueText));
        lock (_gate)
        {
            return JsonValues.Parse(Seal(KeyOf(entityType, entityId), field, compact));
        }
    }

    private PendingProposal FindProposal(string proposalId)
    {
        ArgumentNullException.ThrowIfNull(proposalId);
        lock (_gate)
        {
            foreach (var (state, _) in EntityRows.LoadAll(_db, Settings.TenantId, null))
            {
                foreach (var p in state.PendingProposals())
                {
                    if (p.Id == proposalId)
                    {
                        return p;
                    }
                }
            }
        }

        throw new VaultException($"no pending suggestion '{proposalId}'; list them with 'realign suggestions'");
    }

    private static System.Text.Json.JsonElement ParseValue(string json)
    {
        try
        {
            return JsonValues.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValues.Parse(System.Text.Json.JsonSerializer.Serialize(json, VaultJsonContext.Default.String));
        }
    }
}
