using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Truth;

namespace Realign.Core.Rules;

/// <summary>The one home of the resolution rules: an accept, an accept with an edit, a reject and a conflict settlement
/// each become one level-1 <see cref="Write"/>. The server, the vault and every test double call these; storage only
/// persists what they return, so a forged or unauthorised resolution is refused by the same rule everywhere.</summary>
/// <remarks>
/// <para>Every resolution is a user write stamped past every register of its field (so it outranks what it answers on
/// any replica, whatever the clocks say), based on the entity version the resolver holds.</para>
/// <para>Accepting is the upgrade rule: the value becomes level 1 with the proposal's origin in <see cref="Write.AcceptedFrom"/>,
/// so the lower origin stays in the provenance chain. It needs the accept right, and it is refused on an entity type only
/// the user writes (the tenant key record), whose proposals can only be rejected. Rejecting writes the user's current value
/// again. Settling a conflict writes the kept or merged value.</para>
/// </remarks>
public static class Resolutions
{
    /// <summary>The code of a resolution of the wrong shape.</summary>
    public const string InvalidRequest = "invalid-request";

    /// <summary>The code of an accept by a principal without the accept right.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>Reads the proposal answer of a request: <c>accept</c> or <c>reject</c>.</summary>
    /// <exception cref="ResolutionRefusedException">Any other action.</exception>
    public static ProposalAnswer ReadAnswer(string? action) => action switch
    {
        "accept" => ProposalAnswer.Accept,
        "reject" => ProposalAnswer.Reject,
        _ => throw new ResolutionRefusedException(InvalidRequest, "action must be 'accept' or 'reject'"),
    };

    /// <summary>Checks the shape of a <see cref="ResolveRequest"/>: exactly one of <c>conflict_id</c> and <c>proposal_id</c>.</summary>
    /// <exception cref="ResolutionRefusedException">Neither or both.</exception>
    public static void CheckShape(ResolveRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if ((request.ConflictId is null) == (request.ProposalId is null))
        {
            throw new ResolutionRefusedException(InvalidRequest, "give exactly one of conflict_id and proposal_id");
        }
    }

    /// <summary>The write that answers <paramref name="proposal"/> on <paramref name="state"/>.</summary>
    /// <param name="state">The entity as the resolver holds it.</param>
    /// <param name="proposal">The pending proposal.</param>
    /// <param name="answer">Accept or reject.</param>
    /// <param name="editedValue">For an accept, a compact JSON value to accept instead of the proposed one.</param>
    /// <param name="by">Who answers, and when.</param>
    /// <exception cref="ResolutionRefusedException">An accept without the accept right, or on the key record.</exception>
    public static Write AnswerProposal(EntityState state, PendingProposal proposal, ProposalAnswer answer, string? editedValue, Resolver by)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(by);
        if (proposal.Key != state.Key)
        {
            throw new ResolutionRefusedException(InvalidRequest, $"proposal '{proposal.Id}' is not about {state.Key.EntityType} '{state.Key.EntityId}'");
        }

        if (answer == ProposalAnswer.Reject)
        {
            var current = state.FindField(proposal.Field)?.User?.Value ?? (proposal.Field == EntityState.DeletedField ? "false" : JsonValues.Null);
            return UserWrite(state, proposal.Field, current, by, acceptedFrom: null);
        }

        if (!by.CanAccept)
        {
            throw new ResolutionRefusedException(Forbidden, "this token may not accept proposals");
        }

        if (SchemaPolicy.IsUserOnlyType(state.Key.EntityType))
        {
            throw new ResolutionRefusedException(RefusalCodes.ProtectedEntity,
                $"'{proposal.Id}' proposes a change to the tenant key record, which only the user writes; it cannot be accepted (reject it)");
        }

        var value = proposal.Field == EntityState.DeletedField ? proposal.Proposed.Value : editedValue ?? proposal.Proposed.Value;
        return UserWrite(state, proposal.Field, value, by, acceptedFrom: proposal.Proposed.Stamp.Origin);
    }

    /// <summary>Reads how a conflict is settled: a merged <c>value</c>, or <c>keep</c> of <c>winner</c> or <c>loser</c>.</summary>
    /// <exception cref="ResolutionRefusedException">Neither a value nor a known keep.</exception>
    public static ConflictChoice ChooseForConflict(ResolveRequest request, RegisterDto winner, RegisterDto loser)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(winner);
        ArgumentNullException.ThrowIfNull(loser);
        if (request.Value is { } merged)
        {
            return new ConflictChoice("value", JsonValues.ToCompact(merged));
        }

        var kept = request.Keep switch
        {
            "winner" => winner,
            "loser" => loser,
            _ => throw new ResolutionRefusedException(InvalidRequest, "keep must be 'winner' or 'loser', or give a merged value"),
        };
        return new ConflictChoice(request.Keep, kept.Value is { } v ? JsonValues.ToCompact(v) : JsonValues.Null);
    }

    /// <summary>The write that settles a conflict on <paramref name="field"/> with <paramref name="choice"/>.</summary>
    public static Write SettleConflict(EntityState state, string field, ConflictChoice choice, Resolver by)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(choice);
        ArgumentNullException.ThrowIfNull(by);
        return UserWrite(state, field, choice.Value, by, acceptedFrom: null);
    }

    /// <summary>A level-1 write of one field (or the deleted flag) stamped past every register of that field.</summary>
    private static Write UserWrite(EntityState state, string field, string value, Resolver by, string? acceptedFrom)
    {
        var existing = state.FindField(field);
        var latest = existing?.Effective?.Stamp.AtMicros ?? 0;
        foreach (var other in existing?.Others ?? [])
        {
            latest = Math.Max(latest, other.Stamp.AtMicros);
        }

        var stamp = new Stamp(TruthLevel.User, Math.Max(by.AtMicros, latest + 1), by.UserOrigin);
        return field == EntityState.DeletedField
            ? new Write(state.Key, stamp, [], value == "true", acceptedFrom, state.Version)
            : new Write(state.Key, stamp, [new(field, value)], false, acceptedFrom, state.Version);
    }
}
