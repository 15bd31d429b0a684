using System.Text.Json.Serialization;

namespace Realign.Server.Api;

/// <summary>Source-generated JSON for the server's own bodies: snake_case, strict like the sync contract.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    MaxDepth = 64)]
[JsonSerializable(typeof(MeResponse))]
[JsonSerializable(typeof(ResolveResponse))]
[JsonSerializable(typeof(ChecksumResponse))]
[JsonSerializable(typeof(WaitResponse))]
[JsonSerializable(typeof(List<EventDto>))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(TenantDto))]
[JsonSerializable(typeof(List<TenantDto>))]
[JsonSerializable(typeof(CreateTenantRequest))]
[JsonSerializable(typeof(CreateTokenRequest))]
[JsonSerializable(typeof(TokenDto))]
[JsonSerializable(typeof(List<TokenDto>))]
public sealed partial class ServerJsonContext : JsonSerializerContext;
