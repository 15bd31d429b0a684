using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Realign.Core.Contract;

/// <summary>Compact JSON text of values, as every replica writes it, so values compare byte for byte.</summary>
public static class JsonValues
{
    /// <summary>JSON <c>null</c>.</summary>
    public const string Null = "null";

    private static readonly JsonWriterOptions Compact = new() { Indented = false, SkipValidation = true, MaxDepth = 64 };

    /// <summary>Largest buffer a thread keeps between calls of <see cref="ToCompact(JsonElement)"/>.</summary>
    private const int KeptBufferBytes = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? threadBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? threadWriter;

    /// <summary>The compact JSON text of an element.</summary>
    public static string ToCompact(JsonElement element) => ToCompact(element, out _);

    /// <summary>The compact JSON text of an element and its length in UTF-8 bytes.</summary>
    /// <remarks>The writer and its buffer are kept per thread between calls (a buffer over 64 KB is dropped).</remarks>
    public static string ToCompact(JsonElement element, out int utf8Length)
    {
        var buffer = threadBuffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        var writer = threadWriter ??= new Utf8JsonWriter(buffer, Compact);
        writer.Reset(buffer);
        try
        {
            element.WriteTo(writer);
            writer.Flush();
            utf8Length = buffer.WrittenCount;
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        finally
        {
            writer.Reset();
            if (buffer.Capacity > KeptBufferBytes)
            {
                threadBuffer = null;
            }
        }
    }

    /// <summary>Parses compact JSON text back into an element (an owned copy).</summary>
    public static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    /// <summary>Writes stored compact JSON text as a raw value.</summary>
    public static void WriteRaw(Utf8JsonWriter writer, string json)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(json, skipInputValidation: true);
    }
}
