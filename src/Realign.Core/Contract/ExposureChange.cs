namespace Realign.Core.Contract;

/// <summary>A change to an exposure policy: the new exposure of each level it names; a null level keeps its exposure.</summary>
/// <remarks>Applied to the policy current when the change is stored (<see cref="ExposurePolicy.With"/>), so two changes of
/// different levels made at the same time both hold.</remarks>
/// <param name="Local">The new exposure of level 3, or null to keep it.</param>
/// <param name="Lan">The new exposure of level 4, or null to keep it.</param>
/// <param name="Cloud">The new exposure of level 5, or null to keep it.</param>
public sealed record ExposureChange(Exposure? Local, Exposure? Lan, Exposure? Cloud)
{
    /// <summary>A change that sets every level to the exposure <paramref name="policy"/> gives it.</summary>
    public static ExposureChange To(ExposurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new(policy.Local, policy.Lan, policy.Cloud);
    }

    /// <summary>True when the change names no level.</summary>
    public bool IsEmpty => Local is null && Lan is null && Cloud is null;
}
