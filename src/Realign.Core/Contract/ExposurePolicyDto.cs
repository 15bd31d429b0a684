using System.Text.Json.Serialization;

namespace Realign.Core.Contract;

/// <summary>The exposure policy on the wire: the reply of <c>GET /sync/policy/exposure</c> and the body of its <c>PUT</c>.</summary>
/// <remarks>Exposures travel by their names (<see cref="Exposures"/>) as strings, so a wrong one is reported with the field
/// it is in and the names allowed. In a <c>PUT</c> body a missing or null level keeps its exposure, and
/// <see cref="UpdatedAt"/> is the server's (sending one is refused).</remarks>
/// <param name="Local">What a model on this machine (level 3) may read: <c>full</c>, <c>redacted</c> or <c>none</c>.</param>
/// <param name="Lan">What a model on the local network (level 4) may read.</param>
/// <param name="Cloud">What a model in the cloud (level 5) may read.</param>
/// <param name="UpdatedAt">When the policy was last set (ISO-8601, UTC, microseconds); null while the tenant has the
/// defaults of its vault mode. Written even when null.</param>
public sealed record ExposurePolicyDto(
    string? Local,
    string? Lan,
    string? Cloud,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? UpdatedAt = null);
