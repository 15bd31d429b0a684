using Realign.Core.Contract;

namespace Realign.Storage;

/// <summary>A tenant's exposure policy as stored, with when it was last set.</summary>
/// <param name="Policy">What each AI level may read.</param>
/// <param name="UpdatedAtMicros">Server time of the last change, or null while the tenant has the defaults of its vault
/// mode (<see cref="ExposurePolicies.Default"/>).</param>
public sealed record TenantExposure(ExposurePolicy Policy, long? UpdatedAtMicros)
{
    /// <summary>The wire form (<c>updated_at</c> null for the defaults).</summary>
    public ExposurePolicyDto ToDto() => Policy.ToDto(UpdatedAtMicros);
}
