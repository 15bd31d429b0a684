using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Realign.Assist.Jobs;
using Realign.Core.Contract;

namespace Realign.Assist.Embeddings;

/// <summary>An <c>embedding</c> entity: the vectors of one source (a note or task) by one model, one per piece of its text,
/// with the source's key and the version read, and a digest of the text embedded.</summary>
/// <remarks>
/// <para>One entity per source and model (<see cref="IdFor"/>), so re-embedding rewrites it whole and a deleted source is
/// dropped by id. Its fields: <c>source_type</c>, <c>source_id</c>, <c>source_version</c>, <c>model</c>,
/// <c>dimensions</c>, <c>chunks</c> (an array of <c>{"start", "length", "vector"}</c>, the vector as base64 of
/// little-endian float32) and <c>digest</c> (SHA-256 of the model and the texts embedded, the staleness check of every
/// host that reads the text). The level and origin are the write's, as for every assistant output.</para>
/// <para>For a local-first tenant the vault seals <c>digest</c> always (a hash of the text) and the other fields unless
/// the cloud's exposure lets it receive vectors (<see cref="SharedFields"/>).</para>
/// </remarks>
/// <param name="SourceType">The source's entity type.</param>
/// <param name="SourceId">The source's id.</param>
/// <param name="SourceVersion">The source's version as read (0 before it first reached the server).</param>
/// <param name="Model">The model that made the vectors.</param>
/// <param name="Chunks">The pieces and their vectors, in body order.</param>
/// <param name="Digest">The digest of what was embedded (<see cref="DigestOf"/>), or null where it could not be read.</param>
public sealed record EmbeddingRecord(string SourceType, string SourceId, long SourceVersion, string Model, IReadOnlyList<EmbeddedChunk> Chunks, string? Digest)
{
    /// <summary>The entity type.</summary>
    public const string EntityType = "embedding";

    /// <summary>The field of the vectors.</summary>
    public const string ChunksField = "chunks";

    /// <summary>The field of the digest.</summary>
    public const string DigestField = "digest";

    /// <summary>The fields a server may hold in the clear for a local-first tenant whose cloud receives vectors: what a
    /// vector search needs to answer (which source, which piece, which model). <c>digest</c> is never among them.</summary>
    public static IReadOnlySet<string> SharedFields { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "source_type", "source_id", "source_version", "model", "dimensions", ChunksField,
    };

    /// <summary>The dimensions of the vectors (0 when there are none).</summary>
    public int Dimensions => Chunks.Count == 0 ? 0 : Chunks[0].Vector.Length;

    /// <summary>The id of the embedding of one source by one model: the same on every host.</summary>
    public static string IdFor(string sourceType, string sourceId, string model) => DerivedIds.For(EntityType, sourceType, sourceId, model);

    /// <summary>The digest of the texts a model embedded: SHA-256 over the model and each text, 32 hex digits.</summary>
    public static string DigestOf(string model, IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(texts);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(model));
        foreach (var text in texts)
        {
            hash.AppendData([0]);
            hash.AppendData(Encoding.UTF8.GetBytes(text));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 16));
    }

    /// <summary>The entity's fields (compact JSON), in name order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToFields()
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new(ChunksField, ChunksJson(Chunks)),
            new(DigestField, Digest is null ? "null" : AiUsage.Json(Digest)),
            new("dimensions", AiUsage.Number(Dimensions)),
            new("model", AiUsage.Json(Model)),
            new("source_id", AiUsage.Json(SourceId)),
            new("source_type", AiUsage.Json(SourceType)),
            new("source_version", AiUsage.Number(SourceVersion)),
        };
        return fields;
    }

    /// <summary>Reads an embedding entity's fields (compact JSON); null when they do not make one (a field missing or of the
    /// wrong kind, a sealed value, vectors of differing dimensions).</summary>
    public static EmbeddingRecord? TryRead(IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        try
        {
            if (Text(fields, "source_type") is not { } type || Text(fields, "source_id") is not { } id || Text(fields, "model") is not { } model
                || !fields.TryGetValue(ChunksField, out var chunksJson) || SealedValues.IsSealed(chunksJson))
            {
                return null;
            }

            var version = fields.TryGetValue("source_version", out var v) && long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
            var chunks = ReadChunks(chunksJson);
            if (chunks is null)
            {
                return null;
            }

            var digest = fields.TryGetValue(DigestField, out var d) && !SealedValues.IsSealed(d) ? JobOutputs.TextOf(d) : null;
            return new EmbeddingRecord(type, id, version, model, chunks, digest);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>A vector as base64 of little-endian float32.</summary>
    public static string EncodeVector(ReadOnlySpan<float> vector)
    {
        var bytes = new byte[vector.Length * 4];
        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), vector[i]);
        }

        return Convert.ToBase64String(bytes);
    }

    /// <summary>A vector from <see cref="EncodeVector"/>.</summary>
    /// <exception cref="FormatException">Not base64 of whole float32 values, or a value that is not finite.</exception>
    public static float[] DecodeVector(string base64)
    {
        ArgumentNullException.ThrowIfNull(base64);
        var bytes = Convert.FromBase64String(base64);
        if (bytes.Length == 0 || bytes.Length % 4 != 0)
        {
            throw new FormatException("a vector is base64 of a whole number of float32 values");
        }

        var vector = new float[bytes.Length / 4];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4));
            if (!float.IsFinite(vector[i]))
            {
                throw new FormatException("a vector holds a value that is not a finite number");
            }
        }

        return vector;
    }

    private static string ChunksJson(IReadOnlyList<EmbeddedChunk> chunks)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var chunk in chunks)
            {
                writer.WriteStartObject();
                writer.WriteNumber("length", chunk.Length);
                writer.WriteNumber("start", chunk.Start);
                writer.WriteString("vector", EncodeVector(chunk.Vector));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads a <c>chunks</c> value (compact JSON); null when it is not an array of pieces with vectors of one size.</summary>
    /// <exception cref="JsonException">Not JSON.</exception>
    /// <exception cref="FormatException">A vector that is not base64 of finite float32 values.</exception>
    public static List<EmbeddedChunk>? ReadChunks(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var chunks = new List<EmbeddedChunk>();
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("start", out var start) || !start.TryGetInt32(out var s) || s < 0
                || !item.TryGetProperty("length", out var length) || !length.TryGetInt32(out var l) || l < 0
                || !item.TryGetProperty("vector", out var vector) || vector.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var decoded = DecodeVector(vector.GetString()!);
            if (chunks.Count > 0 && decoded.Length != chunks[0].Vector.Length)
            {
                return null;
            }

            chunks.Add(new EmbeddedChunk(s, l, decoded));
        }

        return chunks;
    }

    private static string? Text(IReadOnlyDictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var json) && !SealedValues.IsSealed(json) ? JobOutputs.TextOf(json) : null;
}
