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

    /// <summary>The compact JSON text of an element.</summary>
    public static string ToCompact(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            element.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
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
