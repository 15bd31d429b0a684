using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Rules;

namespace Realign.Benchmarks;

/// <summary>The benchmark's notes: ~300 bytes of payload each, as push bodies for the server and as finished rows for the raw upsert.</summary>
internal static class BenchItems
{
    public const string At = "2026-01-01T00:00:00.000000Z";

    private static readonly string Filler = string.Concat(Enumerable.Repeat("lorem ipsum dolor sit amet ", 10))[..240];

    public static string EntityId(int i) => "n" + i.ToString("D7", CultureInfo.InvariantCulture);

    /// <summary>One push body (<c>PushRequest</c> JSON) for items [start, end).</summary>
    public static void WritePushBody(ArrayBufferWriter<byte> buffer, string batchId, int start, int end)
    {
        buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(buffer);
        writer.WriteStartObject();
        writer.WriteString("batch_id", batchId);
        writer.WriteStartArray("items");
        for (var i = start; i < end; i++)
        {
            writer.WriteStartObject();
            writer.WriteString("entity_type", "note");
            writer.WriteString("entity_id", EntityId(i));
            writer.WriteNumber("truth_level", 1);
            writer.WriteString("origin_source", "user:desktop");
            writer.WriteString("last_modified_at", At);
            writer.WritePropertyName("payload");
            WritePayload(writer, i);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WritePayload(Utf8JsonWriter writer, int i)
    {
        writer.WriteStartObject();
        writer.WriteString("title", "Note " + i.ToString(CultureInfo.InvariantCulture));
        writer.WriteString("body", Filler);
        writer.WriteStartArray("tags");
        writer.WriteStringValue("a");
        writer.WriteStringValue("b");
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The entity rows the server stores for items [start, end), computed with Core exactly as the server does.</summary>
    public static List<RawRow> Rows(string tenantId, int start, int end, long firstSeq, long nowMicros)
    {
        var scope = PrincipalScope.For(tenantId, "bench", PrincipalKind.UserDevice, "desktop", canAccept: true);
        var rows = new List<RawRow>(end - start);
        var buffer = new ArrayBufferWriter<byte>(512);
        for (var i = start; i < end; i++)
        {
            using (var w = new Utf8JsonWriter(buffer))
            {
                WritePayload(w, i);
            }

            var item = new SyncItem
            {
                EntityType = "note",
                EntityId = EntityId(i),
                TruthLevel = 1,
                OriginSource = "user:desktop",
                LastModifiedAt = At,
                Payload = JsonDocument.Parse(buffer.WrittenMemory).RootElement.Clone(),
            };
            buffer.ResetWrittenCount();
            var write = ItemAdmission.Admit(item, i - start, scope, SchemaPolicy.Default, nowMicros).Write
                ?? throw new InvalidOperationException("the benchmark item was refused");
            var state = new EntityState(write.Key);
            EntityMerger.Apply(state, write, SchemaPolicy.Default);
            var head = EntityCodec.ToHead(state);
            rows.Add(new RawRow(
                tenantId,
                state.Key.EntityType,
                state.Key.EntityId,
                EntityCodec.PayloadJson(state),
                JsonSerializer.Serialize(head.FieldStamps ?? [], RealignJsonContext.Default.DictionaryStringFieldStampDto),
                JsonSerializer.Serialize(head, RealignJsonContext.Default.SyncItem),
                (long)state.TruthLevel,
                state.LastModifiedByLevel is { } level ? (long)level : null,
                state.AcceptedByUser,
                state.IsDeleted,
                state.Version,
                JsonSerializer.Serialize(head.OriginChain ?? [], RealignJsonContext.Default.ListProvenanceDto),
                state.LastModifiedAtMicros,
                nowMicros,
                firstSeq + (i - start)));
        }

        return rows;
    }

    /// <summary>The payload of item <paramref name="i"/> as compact JSON text.</summary>
    public static string PayloadJson(int i)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            WritePayload(w, i);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Bytes of the compact payload of one item.</summary>
    public static int PayloadBytes()
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            WritePayload(w, 123_456);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan).Length;
    }
}
