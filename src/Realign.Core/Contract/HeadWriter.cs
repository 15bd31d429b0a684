using System.Text.Json;
using Realign.Core.Merge;
using Realign.Core.Truth;

namespace Realign.Core.Contract;

/// <summary>Writes an entity's pull head straight from its state, byte for byte what serializing
/// <see cref="EntityCodec.ToHead"/> with <see cref="RealignJsonContext"/> gives, without the DTOs and the payload re-parse.</summary>
/// <remarks>The server writes a head for every changed entity of every batch; building the DTO graph, parsing the payload
/// back into a <see cref="JsonElement"/> and serializing it again was most of a push's CPU time. Register values are stored
/// as compact JSON text already, so they are written raw.</remarks>
public static class HeadWriter
{
    private static readonly JsonEncodedText NAcceptedByUser = JsonEncodedText.Encode("accepted_by_user");
    private static readonly JsonEncodedText NAcceptedFrom = JsonEncodedText.Encode("accepted_from");
    private static readonly JsonEncodedText NAt = JsonEncodedText.Encode("at");
    private static readonly JsonEncodedText NChangedAt = JsonEncodedText.Encode("changed_at");
    private static readonly JsonEncodedText NClass = JsonEncodedText.Encode("class");
    private static readonly JsonEncodedText NCount = JsonEncodedText.Encode("count");
    private static readonly JsonEncodedText NCurrent = JsonEncodedText.Encode("current");
    private static readonly JsonEncodedText NDeleted = JsonEncodedText.Encode("deleted");
    private static readonly JsonEncodedText NEntityId = JsonEncodedText.Encode("entity_id");
    private static readonly JsonEncodedText NEntityType = JsonEncodedText.Encode("entity_type");
    private static readonly JsonEncodedText NField = JsonEncodedText.Encode("field");
    private static readonly JsonEncodedText NFieldStamps = JsonEncodedText.Encode("field_stamps");
    private static readonly JsonEncodedText NLastModifiedAt = JsonEncodedText.Encode("last_modified_at");
    private static readonly JsonEncodedText NLastModifiedByLevel = JsonEncodedText.Encode("last_modified_by_level");
    private static readonly JsonEncodedText NLevel = JsonEncodedText.Encode("level");
    private static readonly JsonEncodedText NOriginChain = JsonEncodedText.Encode("origin_chain");
    private static readonly JsonEncodedText NOriginSource = JsonEncodedText.Encode("origin_source");
    private static readonly JsonEncodedText NOthers = JsonEncodedText.Encode("others");
    private static readonly JsonEncodedText NPayload = JsonEncodedText.Encode("payload");
    private static readonly JsonEncodedText NProposalId = JsonEncodedText.Encode("proposal_id");
    private static readonly JsonEncodedText NProposals = JsonEncodedText.Encode("proposals");
    private static readonly JsonEncodedText NRef = JsonEncodedText.Encode("ref");
    private static readonly JsonEncodedText NSource = JsonEncodedText.Encode("source");
    private static readonly JsonEncodedText NStatus = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText NTenantId = JsonEncodedText.Encode("tenant_id");
    private static readonly JsonEncodedText NTruthLevel = JsonEncodedText.Encode("truth_level");
    private static readonly JsonEncodedText NValue = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText NVersion = JsonEncodedText.Encode("version");

    /// <summary>Where the queryable parts of a written head sit in the output, as (offset, length) in bytes.</summary>
    public readonly record struct Parts(Range Payload, Range FieldStamps, Range OriginChain);

    /// <summary>Writes the head of <paramref name="state"/> as one JSON object; returns where its payload, stamps and chain are
    /// in <paramref name="writer"/>'s output (offsets from <paramref name="writer"/>'s <see cref="Utf8JsonWriter.BytesCommitted"/> at entry).</summary>
    public static Parts Write(Utf8JsonWriter writer, EntityState state)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(state);
        var start = writer.BytesCommitted + writer.BytesPending;
        writer.WriteStartObject();
        writer.WriteString(NEntityType, state.Key.EntityType);
        writer.WriteString(NEntityId, state.Key.EntityId);
        writer.WriteString(NTenantId, state.Key.TenantId);
        writer.WriteNumber(NTruthLevel, (int)state.TruthLevel);
        var chain = state.OriginChain;
        if (chain.Count > 0)
        {
            writer.WriteString(NOriginSource, chain[^1].Source);
        }

        writer.WritePropertyName(NOriginChain);
        var chainStart = Position(writer, start);
        writer.WriteStartArray();
        foreach (var entry in chain)
        {
            writer.WriteStartObject();
            writer.WriteNumber(NLevel, (int)entry.Level);
            writer.WriteString(NSource, entry.Source);
            WriteInstant(writer, NAt, entry.AtMicros);
            if (entry.Ref is { } reference)
            {
                writer.WriteString(NRef, reference);
            }

            writer.WriteNumber(NCount, entry.Count);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        var chainEnd = Position(writer, start);
        writer.WriteNumber(NVersion, state.Version);
        WriteInstant(writer, NLastModifiedAt, state.LastModifiedAtMicros);
        writer.WritePropertyName(NPayload);
        var payloadStart = Position(writer, start);
        writer.WriteStartObject();
        foreach (var (name, value) in state.VisiblePayload())
        {
            writer.WritePropertyName(name);
            writer.WriteRawValue(value, skipInputValidation: true);
        }

        writer.WriteEndObject();
        var payloadEnd = Position(writer, start);
        writer.WriteBoolean(NDeleted, state.IsDeleted);
        writer.WriteBoolean(NAcceptedByUser, state.AcceptedByUser);
        if (state.LastModifiedByLevel is { } level)
        {
            writer.WriteNumber(NLastModifiedByLevel, (int)level);
        }

        writer.WritePropertyName(NFieldStamps);
        var stampsStart = Position(writer, start);
        writer.WriteStartObject();
        WriteStamp(writer, EntityState.DeletedField, state.Deleted);
        foreach (var name in state.FieldNames)
        {
            WriteStamp(writer, name, state.Fields[name]);
        }

        writer.WriteEndObject();
        var stampsEnd = Position(writer, start);
        var wroteProposals = false;
        foreach (var proposal in state.PendingProposals())
        {
            if (!wroteProposals)
            {
                writer.WriteStartArray(NProposals);
                wroteProposals = true;
            }

            WriteProposal(writer, proposal);
        }

        if (wroteProposals)
        {
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        return new Parts(payloadStart..payloadEnd, stampsStart..stampsEnd, chainStart..chainEnd);
    }

    private static void WriteInstant(Utf8JsonWriter writer, JsonEncodedText name, long micros)
    {
        Span<byte> text = stackalloc byte[UtcMicros.WireLength];
        writer.WriteString(name, text[..UtcMicros.FormatUtf8(micros, text)]);
    }

    /// <summary>The output position relative to <paramref name="start"/>, after the pending separator of the next value.</summary>
    private static int Position(Utf8JsonWriter writer, long start)
    {
        writer.Flush();
        return (int)(writer.BytesCommitted - start);
    }

    private static void WriteStamp(Utf8JsonWriter writer, string name, FieldState field)
    {
        if (field.Effective is not { } visible)
        {
            return;
        }

        writer.WriteStartObject(name);
        if (field.Class != FieldClass.Content)
        {
            writer.WriteString(NClass, field.Class == FieldClass.System ? "system" : "protected");
        }

        writer.WriteNumber(NLevel, (int)visible.Stamp.Level);
        WriteInstant(writer, NAt, visible.Stamp.AtMicros);
        writer.WriteString(NSource, visible.Stamp.Origin);
        if (visible.AcceptedFrom is { } from)
        {
            writer.WriteString(NAcceptedFrom, from);
        }

        if (field.ChangedAtVersion != 0)
        {
            writer.WriteNumber(NChangedAt, field.ChangedAtVersion);
        }

        var wroteOthers = false;
        foreach (var other in field.Others)
        {
            if (other == visible)
            {
                continue;
            }

            if (!wroteOthers)
            {
                writer.WriteStartArray(NOthers);
                wroteOthers = true;
            }

            writer.WriteStartObject();
            writer.WritePropertyName(NValue);
            writer.WriteRawValue(other.Value, skipInputValidation: true);
            writer.WriteNumber(NLevel, (int)other.Stamp.Level);
            WriteInstant(writer, NAt, other.Stamp.AtMicros);
            writer.WriteString(NSource, other.Stamp.Origin);
            if (other.AcceptedFrom is { } otherFrom)
            {
                writer.WriteString(NAcceptedFrom, otherFrom);
            }

            writer.WriteEndObject();
        }

        if (wroteOthers)
        {
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteProposal(Utf8JsonWriter writer, PendingProposal proposal)
    {
        writer.WriteStartObject();
        writer.WriteString(NProposalId, proposal.Id);
        writer.WriteString(NEntityType, proposal.Key.EntityType);
        writer.WriteString(NEntityId, proposal.Key.EntityId);
        writer.WriteString(NField, proposal.Field);
        writer.WritePropertyName(NValue);
        writer.WriteRawValue(proposal.Proposed.Value, skipInputValidation: true);
        writer.WritePropertyName(NCurrent);
        writer.WriteRawValue(proposal.Current.Value, skipInputValidation: true);
        writer.WriteNumber(NLevel, (int)proposal.Proposed.Stamp.Level);
        writer.WriteString(NSource, proposal.Proposed.Stamp.Origin);
        WriteInstant(writer, NAt, proposal.Proposed.Stamp.AtMicros);
        writer.WriteString(NStatus, "pending");
        writer.WriteEndObject();
    }
}
