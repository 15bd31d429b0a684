using System.Text.Json;
using System.Text.Json.Serialization;

namespace Realign.Core.Contract;

/// <summary>The source-generated serialiser for every wire type: snake_case, strict, nulls omitted.</summary>
/// <remarks>Unknown members are errors, so a misspelt field is reported instead of silently ignored.</remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict,
    AllowDuplicateProperties = false,
    MaxDepth = 64)]
[JsonSerializable(typeof(SyncItem))]
[JsonSerializable(typeof(PushRequest))]
[JsonSerializable(typeof(PushResponse))]
[JsonSerializable(typeof(PullResponse))]
[JsonSerializable(typeof(ItemErrorDto))]
[JsonSerializable(typeof(List<ItemErrorDto>))]
[JsonSerializable(typeof(ConflictDto))]
[JsonSerializable(typeof(List<ConflictDto>))]
[JsonSerializable(typeof(ProposalDto))]
[JsonSerializable(typeof(List<ProposalDto>))]
[JsonSerializable(typeof(ResolveRequest))]
[JsonSerializable(typeof(Dictionary<string, FieldStampDto>))]
[JsonSerializable(typeof(FieldStampDto))]
[JsonSerializable(typeof(List<ProvenanceDto>))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class RealignJsonContext : JsonSerializerContext;
