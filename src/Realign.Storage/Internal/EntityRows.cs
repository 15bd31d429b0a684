using System.Buffers;
using System.Text;
using System.Text.Json;
using Realign.Core.Contract;
using Realign.Core.Merge;

namespace Realign.Storage.Internal;

/// <summary>Builds the JSON parameters of the bulk statements: the keys to load and the rows to upsert.</summary>
internal static class EntityRows
{
    public static string KeysJson(IReadOnlyList<EntityKey> keys)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * keys.Count + 2);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var key in keys)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(key.EntityType);
                writer.WriteStringValue(key.EntityId);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>One object per entity: the exact head as a string, and the queryable copies of payload, stamps and chain.</summary>
    public static string ToJson(IReadOnlyList<(EntityState State, long Seq)> rows)
    {
        var buffer = new ArrayBufferWriter<byte>(1024 * rows.Count + 2);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var (state, seq) in rows)
            {
                var head = EntityCodec.ToHead(state);
                writer.WriteStartObject();
                writer.WriteString("entity_type", state.Key.EntityType);
                writer.WriteString("entity_id", state.Key.EntityId);
                writer.WritePropertyName("payload");
                writer.WriteRawValue(EntityCodec.PayloadJson(state), skipInputValidation: true);
                writer.WritePropertyName("field_stamps");
                JsonSerializer.Serialize(writer, head.FieldStamps ?? [], RealignJsonContext.Default.DictionaryStringFieldStampDto);
                writer.WriteString("head", JsonSerializer.Serialize(head, RealignJsonContext.Default.SyncItem));
                writer.WriteNumber("truth_level", (int)state.TruthLevel);
                if (state.LastModifiedByLevel is { } level)
                {
                    writer.WriteNumber("last_modified_by_level", (int)level);
                }
                else
                {
                    writer.WriteNull("last_modified_by_level");
                }

                writer.WriteBoolean("accepted_by_user", state.AcceptedByUser);
                writer.WriteBoolean("deleted", state.IsDeleted);
                writer.WriteNumber("version", state.Version);
                writer.WritePropertyName("origin_chain");
                JsonSerializer.Serialize(writer, head.OriginChain ?? [], RealignJsonContext.Default.ListProvenanceDto);
                writer.WriteNumber("last_modified_at", state.LastModifiedAtMicros);
                writer.WriteNumber("seq", seq);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
