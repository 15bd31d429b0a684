using Realign.EndToEnd.Tests.Harness;

namespace Realign.EndToEnd.Tests.Hostile;

/// <summary>What the hostile requests of one endpoint aim at: a seeded tenant (its owner's token for the tenant endpoints),
/// the admin token for the admin endpoints, and the seed of the random mutations.</summary>
public sealed record HostileTarget(SeededTenant Seeded, string Admin, int Seed)
{
    public string Owner => Seeded.Tenant.Owner;
}
