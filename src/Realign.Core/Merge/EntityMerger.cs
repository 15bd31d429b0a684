using Realign.Core.Truth;

namespace Realign.Core.Merge;

/// <summary>Merges writes into entity states: the one merge every replica runs.</summary>
/// <remarks>The registers after any sequence of writes depend only on the set of writes (commutative, associative,
/// idempotent). Conflicts need <see cref="Write.BaseVersion"/> and this replica's versions, so they are reported by
/// the replica that orders writes (the server), never part of the merged state.</remarks>
public static class EntityMerger
{
    private const string True = "true";
    private const string False = "false";

    /// <summary>Merges <paramref name="write"/> into <paramref name="state"/>, moving its version on when anything changed.</summary>
    public static MergeResult Apply(EntityState state, Write write, SchemaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(policy);
        if (state.Key != write.Key)
        {
            throw new ArgumentException($"write for {write.Key} cannot merge into {state.Key}: different entities or tenants", nameof(write));
        }

        // The accepted origin keeps its own time in the chain: the time it wrote what is accepted, read before the merge
        // prunes its register (the accept time is the user's own entry).
        var acceptedAt = write.AcceptedFrom is { } acceptedOrigin ? ProposedAt(state, write, acceptedOrigin) : null;
        var nextVersion = state.Version + 1;
        var changes = new List<FieldChange>(write.Fields.Count + 1);
        List<PendingProposal>? proposals = null;
        List<ConflictRecord>? conflicts = null;
        var visible = false;
        var stored = false;

        var deleted = new Register(write.Deleted ? True : False, write.Stamp, write.AcceptedFrom);
        MergeField(state, EntityState.DeletedField, state.Deleted, deleted, write.BaseVersion, nextVersion, changes, ref proposals, ref conflicts, ref visible, ref stored);

        if (!write.Deleted)
        {
            var fields = write.Fields;
            for (var i = 0; i < fields.Count; i++)
            {
                var (name, value) = fields[i];
                var field = state.GetOrAddField(name, policy);
                var register = new Register(value, write.Stamp, write.AcceptedFrom);
                MergeField(state, name, field, register, write.BaseVersion, nextVersion, changes, ref proposals, ref conflicts, ref visible, ref stored);
            }
        }

        var changed = visible || stored;
        if (changed)
        {
            state.Version = nextVersion;
        }

        if (visible)
        {
            state.LastModifiedByLevel = write.Stamp.Level;
            if (write.AcceptedFrom is { } from && OriginSource.TryParse(from, out var lower, out _))
            {
                state.AppendProvenance(new ProvenanceEntry(lower.Level, from, acceptedAt ?? write.Stamp.AtMicros, write.Ref));
            }

            state.AppendProvenance(new ProvenanceEntry(write.Stamp.Level, write.Stamp.Origin, write.Stamp.AtMicros));
        }

        var outcome = Classify(changes, visible, proposals, conflicts);
        return new MergeResult(outcome, changed, state.Version, changes, proposals ?? [], conflicts ?? []);
    }

    /// <summary>When <paramref name="origin"/> wrote what <paramref name="write"/> accepts: its register on a field the
    /// write carries (the one holding the accepted value if any, else its latest), or null when this replica never saw it.</summary>
    private static long? ProposedAt(EntityState state, Write write, string origin)
    {
        long? latest = null;
        long? sameValue = null;
        void Look(FieldState? field, string value)
        {
            if (field is null)
            {
                return;
            }

            foreach (var other in field.Others)
            {
                if (other.Stamp.Origin == origin)
                {
                    latest = Math.Max(latest ?? long.MinValue, other.Stamp.AtMicros);
                    if (other.Value == value)
                    {
                        sameValue = Math.Max(sameValue ?? long.MinValue, other.Stamp.AtMicros);
                    }
                }
            }
        }

        if (write.Deleted)
        {
            Look(state.Deleted, True);
        }
        else
        {
            foreach (var (name, value) in write.Fields)
            {
                Look(state.FindField(name), value);
            }
        }

        return sameValue ?? latest;
    }

    private static void MergeField(
        EntityState state,
        string name,
        FieldState field,
        in Register register,
        long? baseVersion,
        long nextVersion,
        List<FieldChange> changes,
        ref List<PendingProposal>? proposals,
        ref List<ConflictRecord>? conflicts,
        ref bool visible,
        ref bool stored)
    {
        var before = field.Effective;
        var merge = field.Merge(register);
        changes.Add(new FieldChange(name, merge));

        switch (merge)
        {
            case FieldMerge.Applied:
                var valueChanged = before is not { } b || b.Value != register.Value;
                if (before is { } prior && IsConflict(field.Class, prior, register, baseVersion, field.ChangedAtVersion))
                {
                    (conflicts ??= []).Add(new ConflictRecord(ConflictRecord.IdFor(state.Key, name, register, prior), state.Key, name, register, prior, baseVersion, field.ChangedAtVersion));
                }

                if (valueChanged)
                {
                    field.ChangedAtVersion = nextVersion;
                }

                visible = true;
                break;
            case FieldMerge.Discarded when field.User is { } winner && IsConflict(field.Class, winner, register, baseVersion, field.ChangedAtVersion):
                (conflicts ??= []).Add(new ConflictRecord(ConflictRecord.IdFor(state.Key, name, winner, register), state.Key, name, winner, register, baseVersion, field.ChangedAtVersion));
                break;
            case FieldMerge.Proposal:
                (proposals ??= []).Add(new PendingProposal(PendingProposal.IdFor(state.Key, name, register), state.Key, name, register, field.User!.Value));
                stored = true;
                break;
            case FieldMerge.Shadowed:
                stored = true;
                break;
            default:
                break;
        }
    }

    private static bool IsConflict(FieldClass fieldClass, in Register existing, in Register incoming, long? baseVersion, long changedAtVersion) =>
        fieldClass != FieldClass.System
        && baseVersion is { } seen
        && seen < changedAtVersion
        && existing.Stamp.Level == TruthLevel.User
        && incoming.Stamp.Level == TruthLevel.User
        && existing.Value != incoming.Value;

    private static ItemOutcome Classify(List<FieldChange> changes, bool visible, List<PendingProposal>? proposals, List<ConflictRecord>? conflicts)
    {
        if (conflicts is { Count: > 0 })
        {
            return ItemOutcome.Conflict;
        }

        if (visible)
        {
            return ItemOutcome.Applied;
        }

        if (proposals is { Count: > 0 })
        {
            return ItemOutcome.Proposal;
        }

        return changes.TrueForAll(c => c.Merge == FieldMerge.Duplicate) ? ItemOutcome.Duplicate : ItemOutcome.Discarded;
    }

    /// <summary>Merges every register of <paramref name="remote"/> into <paramref name="local"/>: the join of two replicas.</summary>
    /// <returns>True when any local register changed.</returns>
    /// <remarks>Used by a vault applying a pulled head. Versions, history and conflicts stay the caller's business.</remarks>
    public static bool Join(EntityState local, EntityState remote)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(remote);
        if (local.Key != remote.Key)
        {
            throw new ArgumentException($"cannot join {remote.Key} into {local.Key}: different entities or tenants", nameof(remote));
        }

        var changed = JoinField(local.Deleted, remote.Deleted);
        foreach (var (name, theirs) in remote.Fields)
        {
            changed |= JoinField(local.GetOrAddField(name, theirs.Class), theirs);
        }

        return changed;
    }

    private static bool JoinField(FieldState mine, FieldState theirs)
    {
        var changed = false;
        if (theirs.User is { } user)
        {
            changed |= mine.Merge(user) is not (FieldMerge.Duplicate or FieldMerge.Discarded);
        }

        foreach (var other in theirs.Others)
        {
            changed |= mine.Merge(other) is not (FieldMerge.Duplicate or FieldMerge.Discarded);
        }

        return changed;
    }
}
