using System.Text.Encodings.Web;
using System.Text.Json;
using Realign.Core.Truth;

namespace Realign.Cli;

/// <summary>Writes one JSON document (indented, UTF-8, with a final newline) to stdout: the <c>--json</c> output of the CLI.</summary>
/// <remarks>Shapes are documented in docs/vault.md; values of fields are the stored JSON values, times ISO-8601 UTC.</remarks>
internal static class JsonOut
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int Write(Action<Utf8JsonWriter> body)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stdout, Options))
        {
            body(writer);
        }

        stdout.WriteByte((byte)'\n');
        return 0;
    }

    /// <summary>Writes a property holding a stored JSON value (or null).</summary>
    public static void Raw(this Utf8JsonWriter writer, string name, string? json)
    {
        writer.WritePropertyName(name);
        if (json is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            using var doc = JsonDocument.Parse(json);
            doc.RootElement.WriteTo(writer);
        }
    }

    public static void Time(this Utf8JsonWriter writer, string name, long micros) => writer.WriteString(name, UtcMicros.Format(micros));

    public static void NullableString(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
