using System.Text.Json;
using System.Text.Json.Serialization;
using Realign.Core.Merge;

namespace Realign.Core.Contract;

/// <summary>Reads and writes <see cref="ItemOutcome"/> by its wire name; an unknown name is a <see cref="JsonException"/> that names it.</summary>
public sealed class ItemOutcomeJsonConverter : JsonConverter<ItemOutcome>
{
    /// <inheritdoc />
    public override ItemOutcome Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return ItemOutcomes.TryParse(text, out var outcome)
            ? outcome
            : throw new JsonException($"unknown item outcome '{text}'; expected applied, proposal, conflict, discarded or duplicate");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ItemOutcome value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToWire());
    }
}
