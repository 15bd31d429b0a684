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

    /// <summary>The id of item <paramref name="i"/>: sequential (<c>n0000001</c>), or a random-looking UUID, the same for the
    /// same (<paramref name="salt"/>, <paramref name="i"/>) so the raw side writes the ids the server got.</summary>
    public static string EntityId(int i, bool randomIds = false, int salt = 0) =>
        randomIds ? RandomId(salt, i) : "n" + i.ToString("D7", CultureInfo.InvariantCulture);

    /// <summary>A version-4 UUID from SplitMix64 of (salt, i): spread over the key space as <c>Guid.NewGuid</c> is, but repeatable.</summary>
    private static string RandomId(int salt, int i)
    {
        Span<byte> bytes = stackalloc byte[16];
        var state = ((ulong)(uint)salt << 32) | (uint)i;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes, SplitMix(ref state));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], SplitMix(ref state));
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();

        static ulong SplitMix(ref ulong x)
        {
            var z = x += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>One push body (<c>PushRequest</c> JSON) for items [start, end).</summary>
    public static void WritePushBody(ArrayBufferWriter<byte> buffer, string batchId, int start, int end, bool randomIds = false, int salt = 0)
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
            writer.WriteString("entity_id", EntityId(i, randomIds, salt));
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
    public static List<RawRow> Rows(string tenantId, int start, int end, long firstSeq, long nowMicros, bool randomIds = false, int salt = 0)
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
                EntityId = EntityId(i, randomIds, salt),
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
