using System.Text.Json;
using System.Text.Json.Serialization;

namespace Realign.Core.Contract;

/// <summary>Reads and writes <see cref="VaultMode"/> by its wire name; an unknown name is a <see cref="JsonException"/> that names it.</summary>
public sealed class VaultModeJsonConverter : JsonConverter<VaultMode>
{
    /// <inheritdoc />
    public override VaultMode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        try
        {
            return VaultModes.Parse(text, "the body");
        }
        catch (FormatException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, VaultMode value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToWire());
    }
}
