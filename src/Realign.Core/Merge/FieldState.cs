using Realign.Core.Truth;

namespace Realign.Core.Merge;

/// <summary>The registers of one field: the best user write, and the latest write of each lower origin.</summary>
/// <remarks>
/// Content fields keep <see cref="User"/> (the best level-1 write) and <see cref="Others"/> (the newest write per
/// lower origin, ordered by origin, none older than the user write). The visible value is the user write if any,
/// else the best-ranked other. Pending proposals are the others that differ from a user value: they were written
/// after it. Both parts are joins (max per key, pruned by a monotone bound), so any order of the same writes gives
/// the same state. System and protected fields keep a single register in <see cref="User"/>'s slot.
/// <see cref="ChangedAtVersion"/> is replica-local bookkeeping for conflict detection, not merged state.
/// </remarks>
public sealed class FieldState
{
    private static readonly Register[] NoOthers = [];

    /// <summary>Creates an empty field.</summary>
    public FieldState(FieldClass fieldClass) => Class = fieldClass;

    /// <summary>How this field merges.</summary>
    public FieldClass Class { get; }

    /// <summary>Content: the best level-1 write. System and protected: the single winning write.</summary>
    public Register? User { get; private set; }

    /// <summary>Content only: the newest write of each lower-level origin not older than <see cref="User"/>, by origin.</summary>
    public IReadOnlyList<Register> Others => _others;

    /// <summary>The entity version at which the visible value last changed on this replica.</summary>
    public long ChangedAtVersion { get; set; }

    private Register[] _others = NoOthers;

    /// <summary>The visible register, if any write arrived.</summary>
    public Register? Effective
    {
        get
        {
            if (User is not null || _others.Length == 0)
            {
                return User;
            }

            var best = _others[0];
            for (var i = 1; i < _others.Length; i++)
            {
                if (_others[i].CompareRank(best) > 0)
                {
                    best = _others[i];
                }
            }

            return best;
        }
    }

    /// <summary>The pending proposals: lower writes made after the user value that differ from it.</summary>
    public IEnumerable<Register> Pending()
    {
        if (User is not { } user)
        {
            yield break;
        }

        foreach (var other in _others)
        {
            if (!string.Equals(other.Value, user.Value, StringComparison.Ordinal))
            {
                yield return other;
            }
        }
    }

    /// <summary>Merges one write into the field.</summary>
    public FieldMerge Merge(in Register incoming) => Class switch
    {
        FieldClass.System => MergeSingle(incoming, byRecency: true),
        FieldClass.Protected => MergeSingle(incoming, byRecency: false),
        _ => incoming.Stamp.Level == TruthLevel.User ? MergeUser(incoming) : MergeLower(incoming),
    };

    private FieldMerge MergeSingle(in Register incoming, bool byRecency)
    {
        if (User is not { } current)
        {
            User = incoming;
            return FieldMerge.Applied;
        }

        var cmp = byRecency ? incoming.CompareRecency(current) : incoming.CompareRank(current);
        if (cmp == 0)
        {
            return FieldMerge.Duplicate;
        }

        if (cmp < 0)
        {
            return FieldMerge.Discarded;
        }

        User = incoming;
        return FieldMerge.Applied;
    }

    private FieldMerge MergeUser(in Register incoming)
    {
        if (User is { } current)
        {
            var cmp = incoming.CompareRank(current);
            if (cmp == 0)
            {
                return FieldMerge.Duplicate;
            }

            if (cmp < 0)
            {
                return FieldMerge.Discarded;
            }
        }

        var before = Effective;
        User = incoming;
        PruneOthersNotAfter(incoming.Stamp.AtMicros);
        return before is { } b && b == incoming ? FieldMerge.Duplicate : FieldMerge.Applied;
    }

    private FieldMerge MergeLower(in Register incoming)
    {
        if (User is { } user && incoming.Stamp.AtMicros <= user.Stamp.AtMicros)
        {
            return FieldMerge.Discarded;
        }

        var index = FindOrigin(incoming.Stamp.Origin);
        if (index >= 0)
        {
            var cmp = incoming.CompareRecency(_others[index]);
            if (cmp == 0)
            {
                return FieldMerge.Duplicate;
            }

            if (cmp < 0)
            {
                return FieldMerge.Discarded;
            }

            _others[index] = incoming;
        }
        else
        {
            var insertAt = ~index;
            var grown = new Register[_others.Length + 1];
            Array.Copy(_others, grown, insertAt);
            grown[insertAt] = incoming;
            Array.Copy(_others, insertAt, grown, insertAt + 1, _others.Length - insertAt);
            _others = grown;
        }

        if (User is { } top)
        {
            return string.Equals(top.Value, incoming.Value, StringComparison.Ordinal) ? FieldMerge.Shadowed : FieldMerge.Proposal;
        }

        return Effective == incoming ? FieldMerge.Applied : FieldMerge.Shadowed;
    }

    private int FindOrigin(string origin)
    {
        int lo = 0, hi = _others.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var cmp = string.CompareOrdinal(_others[mid].Stamp.Origin, origin);
            if (cmp == 0)
            {
                return mid;
            }

            if (cmp < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }

    private void PruneOthersNotAfter(long atMicros)
    {
        if (_others.Length == 0)
        {
            return;
        }

        var kept = 0;
        foreach (var other in _others)
        {
            if (other.Stamp.AtMicros > atMicros)
            {
                kept++;
            }
        }

        if (kept == _others.Length)
        {
            return;
        }

        var result = kept == 0 ? NoOthers : new Register[kept];
        var j = 0;
        foreach (var other in _others)
        {
            if (other.Stamp.AtMicros > atMicros)
            {
                result[j++] = other;
            }
        }

        _others = result;
    }

    /// <summary>Restores stored registers (from a replica's database or a pulled head) without merging.</summary>
    internal void Restore(Register? user, IEnumerable<Register> others)
    {
        User = user;
        var list = others.ToArray();
        Array.Sort(list, static (a, b) => string.CompareOrdinal(a.Stamp.Origin, b.Stamp.Origin));
        _others = list.Length == 0 ? NoOthers : list;
    }

    /// <summary>True when both fields hold the same registers (ignoring replica-local bookkeeping).</summary>
    public bool SameRegisters(FieldState other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Class == other.Class && User == other.User && _others.AsSpan().SequenceEqual(other._others);
    }
}
