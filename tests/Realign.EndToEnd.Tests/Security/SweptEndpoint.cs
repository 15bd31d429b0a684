using Realign.EndToEnd.Tests.Harness;
using Realign.EndToEnd.Tests.Hostile;

namespace Realign.EndToEnd.Tests.Security;

/// <summary>How the sweeps cover one endpoint of the app (method and route pattern as the app maps them): the token it
/// needs, well-formed requests against a seeded tenant, and the hostile requests of the hostile-input sweep.</summary>
public sealed record SweptEndpoint(
    string Method,
    string Pattern,
    SweepAccess Access,
    Func<SeededTenant, IReadOnlyList<SweepSample>> Samples,
    Func<HostileTarget, IEnumerable<HostileRequest>> Hostile)
{
    public string Key => EndpointSweep.Key(Method, Pattern);
}
