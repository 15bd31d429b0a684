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

    /// <summary>True when <paramref name="state"/> is a suggested entity: live, and created and written below level 1 only (a
    /// task an assistant found, a draft note, an automation's note), so no person has said it is theirs yet.</summary>
    /// <remarks>Records machines keep for themselves are not suggestions: derived views that point at their source
    /// (<see cref="SchemaPolicy.IsDerivedType"/>) and the types only the user writes.</remarks>
    public static bool IsSuggestedEntity(EntityState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return !state.IsDeleted
            && !state.IsEmpty
            && state.TruthLevel != TruthLevel.User
            && !SchemaPolicy.IsDerivedType(state.Key.EntityType)
            && !SchemaPolicy.IsUserOnlyType(state.Key.EntityType);
    }

    /// <summary>The write that promotes a suggested entity to the user's: every visible field, with <paramref name="edits"/>
    /// over them, written at level 1 past every register it answers, with the lower origin kept as the one accepted from.</summary>
    /// <param name="state">The entity as the resolver holds it.</param>
    /// <param name="edits">Fields to set instead of (or beside) the suggested values, as compact JSON.</param>
    /// <param name="by">Who promotes, and when.</param>
    /// <exception cref="ResolutionRefusedException">Without the accept right, or when the entity is not a suggestion.</exception>
    public static Write PromoteEntity(EntityState state, IReadOnlyList<KeyValuePair<string, string>>? edits, Resolver by)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(by);
        if (!by.CanAccept)
        {
            throw new ResolutionRefusedException(Forbidden, "this token may not accept suggestions");
        }

        RequireSuggested(state);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in state.VisiblePayload())
        {
            fields[name] = value;
        }

        foreach (var (name, value) in edits ?? [])
        {
            fields[name] = value;
        }

        var latest = LatestStamp(state.Deleted);
        foreach (var name in fields.Keys)
        {
            latest = Math.Max(latest, LatestStamp(state.FindField(name)));
        }

        var stamp = new Stamp(TruthLevel.User, Math.Max(by.AtMicros, latest + 1), by.UserOrigin);
        return new Write(state.Key, stamp, fields.OrderBy(f => f.Key, StringComparer.Ordinal).ToList(), false, SuggestedBy(state), state.Version);
    }

    /// <summary>The write that discards a suggested entity: a level-1 delete, so it is gone for good on every replica.</summary>
    /// <exception cref="ResolutionRefusedException">When the entity is not a suggestion.</exception>
    public static Write DiscardEntity(EntityState state, Resolver by)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(by);
        RequireSuggested(state);
        return UserWrite(state, EntityState.DeletedField, "true", by, acceptedFrom: null);
    }

    /// <summary>The origin a suggested entity is accepted from: the author of its best visible register (latest on a tie).</summary>
    public static string SuggestedBy(EntityState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Stamp? best = null;
        foreach (var register in state.Fields.Values.Select(f => f.Effective).Append(state.Deleted.Effective))
        {
            if (register is { Stamp: var stamp } && (best is not { } b || stamp.Level < b.Level || (stamp.Level == b.Level && stamp.AtMicros > b.AtMicros)))
            {
                best = stamp;
            }
        }

        return best?.Origin ?? throw new ResolutionRefusedException(InvalidRequest, $"{state.Key.EntityType} '{state.Key.EntityId}' has no values");
    }

    private static void RequireSuggested(EntityState state)
    {
        if (!IsSuggestedEntity(state))
        {
            throw new ResolutionRefusedException(InvalidRequest, state.IsDeleted
                ? $"{state.Key.EntityType} '{state.Key.EntityId}' is deleted"
                : $"{state.Key.EntityType} '{state.Key.EntityId}' is not a suggested entity (it has values a person wrote, or it is a derived record)");
        }
    }

    private static long LatestStamp(FieldState? field)
    {
        var latest = field?.Effective?.Stamp.AtMicros ?? 0;
        foreach (var other in field?.Others ?? [])
        {
            latest = Math.Max(latest, other.Stamp.AtMicros);
        }

        return latest;
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

    /// <summary>The write that puts <paramref name="value"/> back in <paramref name="field"/> as the user: the undo of an
    /// accept, stamped past every register of the field so it holds on every replica.</summary>
    public static Write RestoreValue(EntityState state, string field, string value, Resolver by)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(by);
        return UserWrite(state, field, value, by, acceptedFrom: null);
    }

    /// <summary>A level-1 write of one field (or the deleted flag) stamped past every register of that field.</summary>
    private static Write UserWrite(EntityState state, string field, string value, Resolver by, string? acceptedFrom)
    {
        var latest = LatestStamp(state.FindField(field));
        var stamp = new Stamp(TruthLevel.User, Math.Max(by.AtMicros, latest + 1), by.UserOrigin);
        return field == EntityState.DeletedField
            ? new Write(state.Key, stamp, [], value == "true", acceptedFrom, state.Version)
            : new Write(state.Key, stamp, [new(field, value)], false, acceptedFrom, state.Version);
    }
}
