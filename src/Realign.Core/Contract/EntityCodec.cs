using System.Buffers;
using System.Text;
using System.Text.Json;
using Realign.Core.Merge;
using Realign.Core.Truth;

namespace Realign.Core.Contract;

/// <summary>Converts an entity's state to and from its stored and wire forms: the visible payload plus every register.</summary>
/// <remarks>A head written by <see cref="ToHead"/> and read by <see cref="FromHead"/> gives an entity with the same registers,
/// so a replica that pulls heads merges exactly as the server did.</remarks>
public static class EntityCodec
{
    /// <summary>The pull head of an entity.</summary>
    public static SyncItem ToHead(EntityState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var stamps = new Dictionary<string, FieldStampDto>(StringComparer.Ordinal);
        if (ToStampDto(state.Deleted) is { } deleted)
        {
            stamps[EntityState.DeletedField] = deleted;
        }

        foreach (var name in state.FieldNames)
        {
            if (ToStampDto(state.Fields[name]) is { } dto)
            {
                stamps[name] = dto;
            }
        }

        var proposals = state.PendingProposals().Select(ToDto).ToList();
        var chain = state.OriginChain;
        var lastOrigin = chain.Count > 0 ? chain[^1].Source : null;
        return new SyncItem
        {
            EntityType = state.Key.EntityType,
            EntityId = state.Key.EntityId,
            TenantId = state.Key.TenantId,
            TruthLevel = (int)state.TruthLevel,
            OriginSource = lastOrigin,
            OriginChain = chain.Select(ToDto).ToList(),
            Version = state.Version,
            LastModifiedAt = UtcMicros.Format(state.LastModifiedAtMicros),
            Payload = JsonValues.Parse(PayloadJson(state)),
            Deleted = state.IsDeleted,
            AcceptedByUser = state.AcceptedByUser,
            LastModifiedByLevel = state.LastModifiedByLevel is { } l ? (int)l : null,
            FieldStamps = stamps,
            Proposals = proposals.Count > 0 ? proposals : null,
        };
    }

    /// <summary>Rebuilds an entity from a head (pulled, or loaded from storage).</summary>
    /// <exception cref="FormatException">When the head's stamps are malformed.</exception>
    public static EntityState FromHead(SyncItem head, string? tenantId = null)
    {
        ArgumentNullException.ThrowIfNull(head);
        var key = new EntityKey(tenantId ?? head.TenantId ?? "", head.EntityType ?? "", head.EntityId ?? "");
        var payload = new Dictionary<string, string>(StringComparer.Ordinal);
        if (head.Payload is { ValueKind: JsonValueKind.Object } p)
        {
            foreach (var property in p.EnumerateObject())
            {
                payload[property.Name] = JsonValues.ToCompact(property.Value);
            }
        }

        var state = new EntityState(key) { Version = head.Version ?? 0 };
        if (head.LastModifiedByLevel is { } lm && TruthLevels.IsDefined(lm))
        {
            state.LastModifiedByLevel = (TruthLevel)lm;
        }

        foreach (var step in head.OriginChain ?? [])
        {
            if (OriginSource.TryParse(step.Source, out var o, out _) && UtcMicros.TryParse(step.At, out var at))
            {
                state.AppendProvenance(new ProvenanceEntry(o.Level, o.Value, at, step.Ref, Math.Max(1, step.Count)));
            }
        }

        foreach (var (name, dto) in head.FieldStamps ?? [])
        {
            var isDeleted = name == EntityState.DeletedField;
            var visibleValue = isDeleted ? (head.Deleted ? "true" : "false") : payload.GetValueOrDefault(name, JsonValues.Null);
            var fieldClass = ParseClass(dto.Class);
            var field = isDeleted ? state.Deleted : state.GetOrAddField(name, fieldClass);
            Restore(field, dto, visibleValue);
        }

        return state;
    }

    /// <summary>The visible payload as a compact JSON object.</summary>
    public static string PayloadJson(EntityState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in state.VisiblePayload())
            {
                writer.WritePropertyName(name);
                writer.WriteRawValue(value, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Restore(FieldState field, FieldStampDto dto, string visibleValue)
    {
        var visible = new Register(visibleValue, ParseStamp(dto.Level, dto.At, dto.Source), dto.AcceptedFrom);
        var others = (dto.Others ?? []).Select(ToRegister).ToList();
        field.ChangedAtVersion = dto.ChangedAt ?? 0;
        if (field.Class != FieldClass.Content || visible.Stamp.Level == TruthLevel.User)
        {
            field.Restore(visible, others);
        }
        else
        {
            others.Add(visible);
            field.Restore(null, others);
        }
    }

    private static Register ToRegister(RegisterDto dto) =>
        new(dto.Value is { } v ? JsonValues.ToCompact(v) : JsonValues.Null, ParseStamp(dto.Level, dto.At, dto.Source), dto.AcceptedFrom);

    private static Stamp ParseStamp(int level, string? at, string? source)
    {
        if (!TruthLevels.IsDefined(level) || !UtcMicros.TryParse(at, out var micros) || source is null)
        {
            throw new FormatException($"malformed field stamp (level {level}, at '{at}', source '{source}')");
        }

        return new Stamp((TruthLevel)level, micros, source);
    }

    private static FieldClass ParseClass(string? text) => text switch
    {
        null or "content" => FieldClass.Content,
        "system" => FieldClass.System,
        "protected" => FieldClass.Protected,
        _ => throw new FormatException($"unknown field class '{text}'"),
    };

    private static FieldStampDto? ToStampDto(FieldState field)
    {
        if (field.Effective is not { } visible)
        {
            return null;
        }

        List<RegisterDto>? others = null;
        foreach (var other in field.Others)
        {
            if (other != visible)
            {
                (others ??= []).Add(ToDto(other));
            }
        }

        return new FieldStampDto
        {
            Class = field.Class switch { FieldClass.System => "system", FieldClass.Protected => "protected", _ => null },
            Level = (int)visible.Stamp.Level,
            At = UtcMicros.Format(visible.Stamp.AtMicros),
            Source = visible.Stamp.Origin,
            AcceptedFrom = visible.AcceptedFrom,
            ChangedAt = field.ChangedAtVersion == 0 ? null : field.ChangedAtVersion,
            Others = others,
        };
    }

    /// <summary>A register on the wire, with its value.</summary>
    public static RegisterDto ToDto(Register register) => new()
    {
        Value = JsonValues.Parse(register.Value),
        Level = (int)register.Stamp.Level,
        At = UtcMicros.Format(register.Stamp.AtMicros),
        Source = register.Stamp.Origin,
        AcceptedFrom = register.AcceptedFrom,
    };

    /// <summary>A pending proposal on the wire.</summary>
    public static ProposalDto ToDto(PendingProposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        return new ProposalDto
        {
            ProposalId = proposal.Id,
            EntityType = proposal.Key.EntityType,
            EntityId = proposal.Key.EntityId,
            Field = proposal.Field,
            Value = JsonValues.Parse(proposal.Proposed.Value),
            Current = JsonValues.Parse(proposal.Current.Value),
            Level = (int)proposal.Proposed.Stamp.Level,
            Source = proposal.Proposed.Stamp.Origin,
            At = UtcMicros.Format(proposal.Proposed.Stamp.AtMicros),
        };
    }

    private static ProvenanceDto ToDto(ProvenanceEntry entry) => new()
    {
        Level = (int)entry.Level,
        Source = entry.Source,
        At = UtcMicros.Format(entry.AtMicros),
        Ref = entry.Ref,
        Count = entry.Count,
    };
}
