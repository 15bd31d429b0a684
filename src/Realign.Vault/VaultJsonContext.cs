using System.Text.Json.Serialization;
using Realign.Vault.Crypto;

namespace Realign.Vault;

/// <summary>Source-generated JSON for the vault's own small documents.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(KeyParameters))]
internal sealed partial class VaultJsonContext : JsonSerializerContext;
