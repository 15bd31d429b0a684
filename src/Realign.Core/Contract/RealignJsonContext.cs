using System.Text.Json;
using System.Text.Json.Serialization;

namespace Realign.Core.Contract;

/// <summary>The source-generated serialiser for every request and reply body of the wire (sync, auth and admin): snake_case,
/// strict, nulls omitted. Server and clients both use it.</summary>
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
[JsonSerializable(typeof(ProblemResponse))]
[JsonSerializable(typeof(ResolveResponse))]
[JsonSerializable(typeof(ChecksumResponse))]
[JsonSerializable(typeof(MeResponse))]
[JsonSerializable(typeof(WaitResponse))]
[JsonSerializable(typeof(List<EventDto>))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(ReadyResponse))]
[JsonSerializable(typeof(TenantDto))]
[JsonSerializable(typeof(List<TenantDto>))]
[JsonSerializable(typeof(CreateTenantRequest))]
[JsonSerializable(typeof(CreateTokenRequest))]
[JsonSerializable(typeof(TokenDto))]
[JsonSerializable(typeof(List<TokenDto>))]
[JsonSerializable(typeof(ExposurePolicyDto))]
[JsonSerializable(typeof(ChannelPolicyDto))]
[JsonSerializable(typeof(Dictionary<string, ChannelRuleDto>))]
[JsonSerializable(typeof(ConfirmStatusDto))]
[JsonSerializable(typeof(TotpEnrollmentDto))]
[JsonSerializable(typeof(TotpActivateRequest))]
[JsonSerializable(typeof(PinRequest))]
[JsonSerializable(typeof(ConfirmRemoveRequest))]
[JsonSerializable(typeof(DeviceDto))]
[JsonSerializable(typeof(List<DeviceDto>))]
[JsonSerializable(typeof(RenameRequest))]
[JsonSerializable(typeof(SearchRequest))]
[JsonSerializable(typeof(SearchResponse))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class RealignJsonContext : JsonSerializerContext;
