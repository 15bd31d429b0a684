using Realign.Core.Truth;

namespace Realign.Core.Merge;

/// <summary>One entity on one replica: a register set per payload field plus the <c>deleted</c> register.</summary>
/// <remarks>
/// The registers are the merged state: equal on every replica that saw the same writes. <see cref="Version"/>,
/// <see cref="LastModifiedByLevel"/> and <see cref="OriginChain"/> are this replica's history of how it got there.
/// <see cref="TruthLevel"/> and <see cref="AcceptedByUser"/> are derived from the registers, never trusted from a client.
/// </remarks>
public sealed class EntityState
{
    /// <summary>The register name used for the deleted flag in proposals and stamps.</summary>
    public const string DeletedField = "_deleted";

    /// <summary>Provenance entries kept: the first, and the most recent ones up to this total.</summary>
    public const int MaxChainLength = 16;

    private readonly Dictionary<string, FieldState> _fields = new(StringComparer.Ordinal);
    private readonly List<ProvenanceEntry> _chain = [];

    /// <summary>Creates an entity no write has touched yet.</summary>
    public EntityState(EntityKey key) => Key = key;

    /// <summary>The entity's identity.</summary>
    public EntityKey Key { get; }

    /// <summary>The payload fields' registers, by field name (unordered; see <see cref="FieldNames"/>).</summary>
    public IReadOnlyDictionary<string, FieldState> Fields => _fields;

    /// <summary>The <c>deleted</c> register (JSON <c>true</c>/<c>false</c>); a content-class register.</summary>
    public FieldState Deleted { get; } = new(FieldClass.Content);

    /// <summary>Per-entity change counter on this replica (the server's is the one clients see).</summary>
    public long Version { get; set; }

    /// <summary>The level of the last write that changed a visible value.</summary>
    public TruthLevel? LastModifiedByLevel { get; set; }

    /// <summary>Bounded provenance: who wrote this entity, oldest first, consecutive writes of one source collapsed.</summary>
    public IReadOnlyList<ProvenanceEntry> OriginChain => _chain;

    /// <summary>True when no write has reached the entity.</summary>
    public bool IsEmpty => Deleted.Effective is null && _fields.Count == 0;

    /// <summary>True when the visible <c>deleted</c> value is true.</summary>
    public bool IsDeleted => Deleted.Effective is { } d && d.Value == "true";

    /// <summary>The best level among the visible registers (the entity's authority).</summary>
    public TruthLevel TruthLevel
    {
        get
        {
            var best = Deleted.Effective?.Stamp.Level ?? TruthLevel.AiCloud;
            foreach (var register in _fields.Values)
            {
                if (register.Effective is { } e && e.Stamp.Level < best)
                {
                    best = e.Stamp.Level;
                }
            }

            return best;
        }
    }

    /// <summary>True when any visible register holds a value a user accepted from a lower level.</summary>
    public bool AcceptedByUser =>
        Deleted.Effective?.AcceptedFrom is not null || _fields.Values.Any(f => f.Effective?.AcceptedFrom is not null);

    /// <summary>The latest time among visible registers.</summary>
    public long LastModifiedAtMicros
    {
        get
        {
            var latest = Deleted.Effective?.Stamp.AtMicros ?? 0;
            foreach (var register in _fields.Values)
            {
                if (register.Effective is { } e && e.Stamp.AtMicros > latest)
                {
                    latest = e.Stamp.AtMicros;
                }
            }

            return latest;
        }
    }

    /// <summary>The field names in ordinal order, as every replica writes them.</summary>
    public IEnumerable<string> FieldNames => _fields.Keys.Order(StringComparer.Ordinal);

    /// <summary>The field's registers, created empty with the given class if absent.</summary>
    public FieldState GetOrAddField(string name, FieldClass fieldClass)
    {
        if (!_fields.TryGetValue(name, out var field))
        {
            field = new FieldState(fieldClass);
            _fields.Add(name, field);
        }

        return field;
    }

    /// <summary>The field's registers, created empty with the policy's class for this entity type if absent.</summary>
    public FieldState GetOrAddField(string name, SchemaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!_fields.TryGetValue(name, out var field))
        {
            field = new FieldState(policy.ClassOf(Key.EntityType, name));
            _fields.Add(name, field);
        }

        return field;
    }

    /// <summary>The register set of a field name, <see cref="DeletedField"/> included.</summary>
    public FieldState? FindField(string name) =>
        name == DeletedField ? Deleted : _fields.GetValueOrDefault(name);

    /// <summary>The visible payload: field name to compact JSON value, fields with a visible value only.</summary>
    public IEnumerable<KeyValuePair<string, string>> VisiblePayload()
    {
        foreach (var name in FieldNames)
        {
            if (_fields[name].Effective is { } e)
            {
                yield return new(name, e.Value);
            }
        }
    }

    /// <summary>Every pending proposal, the delete proposal first.</summary>
    public IEnumerable<PendingProposal> PendingProposals()
    {
        foreach (var p in Deleted.Pending())
        {
            yield return new PendingProposal(PendingProposal.IdFor(Key, DeletedField, p), Key, DeletedField, p, Deleted.User!.Value);
        }

        foreach (var name in FieldNames)
        {
            var field = _fields[name];
            foreach (var p in field.Pending())
            {
                yield return new PendingProposal(PendingProposal.IdFor(Key, name, p), Key, name, p, field.User!.Value);
            }
        }
    }

    /// <summary>Adds a provenance step, collapsing a repeat of the last source and keeping the chain bounded.</summary>
    public void AppendProvenance(ProvenanceEntry entry)
    {
        if (_chain.Count > 0 && _chain[^1] is var last && last.Source == entry.Source && last.Level == entry.Level && entry.Ref is null && last.Ref is null)
        {
            _chain[^1] = last with { AtMicros = Math.Max(last.AtMicros, entry.AtMicros), Count = last.Count + entry.Count };
            return;
        }

        _chain.Add(entry);
        if (_chain.Count > MaxChainLength)
        {
            _chain.RemoveAt(1);
        }
    }

    /// <summary>True when both entities hold the same registers: the convergence check.</summary>
    public bool SameRegisters(EntityState other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Key != other.Key || !Deleted.SameRegisters(other.Deleted) || _fields.Count != other._fields.Count)
        {
            return false;
        }

        foreach (var (name, field) in _fields)
        {
            if (!other._fields.TryGetValue(name, out var theirs) || !field.SameRegisters(theirs))
            {
                return false;
            }
        }

        return true;
    }
}
