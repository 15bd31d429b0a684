using System.Text.Json.Serialization;

namespace Realign.Vault.Assist;

/// <summary>Source-generated JSON for <c>assist.json</c>: snake_case, indented for people who edit it.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true)]
[JsonSerializable(typeof(AssistSettings))]
internal sealed partial class AssistSettingsJsonContext : JsonSerializerContext;
