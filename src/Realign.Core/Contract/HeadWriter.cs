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
        writer.WriteString("entity_type", state.Key.EntityType);
        writer.WriteString("entity_id", state.Key.EntityId);
        writer.WriteString("tenant_id", state.Key.TenantId);
        writer.WriteNumber("truth_level", (int)state.TruthLevel);
        var chain = state.OriginChain;
        if (chain.Count > 0)
        {
            writer.WriteString("origin_source", chain[^1].Source);
        }

        writer.WritePropertyName("origin_chain");
        var chainStart = Position(writer, start);
        writer.WriteStartArray();
        foreach (var entry in chain)
        {
            writer.WriteStartObject();
            writer.WriteNumber("level", (int)entry.Level);
            writer.WriteString("source", entry.Source);
            writer.WriteString("at", UtcMicros.Format(entry.AtMicros));
            if (entry.Ref is { } reference)
            {
                writer.WriteString("ref", reference);
            }

            writer.WriteNumber("count", entry.Count);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        var chainEnd = Position(writer, start);
        writer.WriteNumber("version", state.Version);
        writer.WriteString("last_modified_at", UtcMicros.Format(state.LastModifiedAtMicros));
        writer.WritePropertyName("payload");
        var payloadStart = Position(writer, start);
        writer.WriteStartObject();
        foreach (var (name, value) in state.VisiblePayload())
        {
            writer.WritePropertyName(name);
            writer.WriteRawValue(value, skipInputValidation: true);
        }

        writer.WriteEndObject();
        var payloadEnd = Position(writer, start);
        writer.WriteBoolean("deleted", state.IsDeleted);
        writer.WriteBoolean("accepted_by_user", state.AcceptedByUser);
        if (state.LastModifiedByLevel is { } level)
        {
            writer.WriteNumber("last_modified_by_level", (int)level);
        }

        writer.WritePropertyName("field_stamps");
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
                writer.WriteStartArray("proposals");
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
            writer.WriteString("class", field.Class == FieldClass.System ? "system" : "protected");
        }

        writer.WriteNumber("level", (int)visible.Stamp.Level);
        writer.WriteString("at", UtcMicros.Format(visible.Stamp.AtMicros));
        writer.WriteString("source", visible.Stamp.Origin);
        if (visible.AcceptedFrom is { } from)
        {
            writer.WriteString("accepted_from", from);
        }

        if (field.ChangedAtVersion != 0)
        {
            writer.WriteNumber("changed_at", field.ChangedAtVersion);
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
                writer.WriteStartArray("others");
                wroteOthers = true;
            }

            writer.WriteStartObject();
            writer.WritePropertyName("value");
            writer.WriteRawValue(other.Value, skipInputValidation: true);
            writer.WriteNumber("level", (int)other.Stamp.Level);
            writer.WriteString("at", UtcMicros.Format(other.Stamp.AtMicros));
            writer.WriteString("source", other.Stamp.Origin);
            if (other.AcceptedFrom is { } otherFrom)
            {
                writer.WriteString("accepted_from", otherFrom);
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
        writer.WriteString("proposal_id", proposal.Id);
        writer.WriteString("entity_type", proposal.Key.EntityType);
        writer.WriteString("entity_id", proposal.Key.EntityId);
        writer.WriteString("field", proposal.Field);
        writer.WritePropertyName("value");
        writer.WriteRawValue(proposal.Proposed.Value, skipInputValidation: true);
        writer.WritePropertyName("current");
        writer.WriteRawValue(proposal.Current.Value, skipInputValidation: true);
        writer.WriteNumber("level", (int)proposal.Proposed.Stamp.Level);
        writer.WriteString("source", proposal.Proposed.Stamp.Origin);
        writer.WriteString("at", UtcMicros.Format(proposal.Proposed.Stamp.AtMicros));
        writer.WriteString("status", "pending");
        writer.WriteEndObject();
    }
}
