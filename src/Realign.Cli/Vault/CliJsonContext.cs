using System.Text.Json.Serialization;

namespace Realign.Cli.Vault;

/// <summary>Source-generated JSON for CLI values.</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
