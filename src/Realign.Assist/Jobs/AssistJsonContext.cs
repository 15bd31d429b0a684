using System.Text.Json.Serialization;

namespace Realign.Assist.Jobs;

/// <summary>Source-generated JSON for the values assistants write.</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class AssistJsonContext : JsonSerializerContext;
