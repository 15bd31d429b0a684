using Realign.Core.Contract;

namespace Realign.Storage;

/// <summary>A change of a tenant's exposure policy by someone allowed to make it, for <see cref="IReplicaStore.SetExposureAsync"/>.</summary>
/// <remarks>The store applies <see cref="Change"/> to the policy it holds under the tenant lock and writes the
/// <c>exposure-changed</c> security event in the same transaction. Who may change the policy is the caller's to check
/// (the server: the tenant owner's device or the admin token).</remarks>
/// <param name="TenantId">The tenant.</param>
/// <param name="Change">The levels to change; the others keep their exposure.</param>
/// <param name="PrincipalId">The principal that made the change, or null for the operator's admin token.</param>
/// <param name="Actor">Who made it as the audit row names it: <c>admin</c>, or the principal's kind and channel
/// (<c>user_device:desktop</c>).</param>
/// <param name="NowMicros">Server time of the change.</param>
public sealed record ExposureCommand(string TenantId, ExposureChange Change, string? PrincipalId, string Actor, long NowMicros);
