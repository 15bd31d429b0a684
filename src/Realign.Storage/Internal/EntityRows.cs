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

    /// <summary>The column values of each changed entity: the exact head text, and the queryable copies of payload, stamps and
    /// chain cut from it (one pass of <see cref="HeadWriter"/> per entity, no DTOs, no second serialization).</summary>
    public static List<EntityRow> From(IReadOnlyList<(EntityState State, long Seq)> rows) => [.. Stream(rows, withCopies: true)];

    /// <summary>The rows of <see cref="From"/> one at a time, each made only when it is asked for, so a large save never holds
    /// every row's text at once; without <paramref name="withCopies"/> the copies are left empty (a table that computes them).</summary>
    public static IEnumerable<EntityRow> Stream(IEnumerable<(EntityState State, long Seq)> rows, bool withCopies)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var writer = new Utf8JsonWriter(buffer);
        foreach (var (state, seq) in rows)
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            var parts = HeadWriter.Write(writer, state);
            writer.Flush();
            var head = buffer.WrittenSpan;
            yield return new EntityRow(
                state.Key.EntityType,
                state.Key.EntityId,
                withCopies ? Encoding.UTF8.GetString(head[parts.Payload]) : "",
                withCopies ? Encoding.UTF8.GetString(head[parts.FieldStamps]) : "",
                Encoding.UTF8.GetString(head),
                (int)state.TruthLevel,
                state.LastModifiedByLevel is { } level ? (int)level : null,
                state.AcceptedByUser,
                state.IsDeleted,
                state.Version,
                withCopies ? Encoding.UTF8.GetString(head[parts.OriginChain]) : "",
                state.LastModifiedAtMicros,
                seq);
        }
    }
}
