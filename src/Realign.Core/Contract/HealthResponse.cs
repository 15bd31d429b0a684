namespace Realign.Core.Contract;

/// <summary>Body of <c>GET /healthz</c>.</summary>
public sealed record HealthResponse(string Status, string Backend);

/// <summary>Body of <c>GET /readyz</c>: whether the server can serve (its database answers and every migration of this
/// build is applied), and if not, why.</summary>
/// <param name="Status"><c>ready</c> or <c>not-ready</c>.</param>
/// <param name="Backend"><c>sqlite</c> or <c>postgres</c>.</param>
/// <param name="Migrations">Migrations applied of this build's.</param>
/// <param name="Expected">Migrations this build has.</param>
/// <param name="Reason">Why it is not ready (the database's error, or the migrations missing), or null.</param>
public sealed record ReadyResponse(string Status, string Backend, int Migrations, int Expected, string? Reason);
