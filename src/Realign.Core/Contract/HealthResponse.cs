namespace Realign.Core.Contract;

/// <summary>Body of <c>GET /healthz</c>.</summary>
public sealed record HealthResponse(string Status, string Backend);
