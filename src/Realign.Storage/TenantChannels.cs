using Realign.Core.Rules;

namespace Realign.Storage;

/// <summary>A tenant's channel policy as stored, with when it was set (null while it has the defaults).</summary>
/// <param name="Policy">The policy.</param>
/// <param name="UpdatedAt">When it was last set (UTC microseconds), or null for the defaults.</param>
public sealed record TenantChannels(ChannelPolicy Policy, long? UpdatedAt);

/// <summary>A change of a tenant's channel policy: <see cref="Change"/> makes the new policy from the one stored (under the
/// tenant lock), or throws <see cref="ReplicaStoreException"/> to refuse it.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Change">From the policy as stored to the one to store.</param>
/// <param name="PrincipalId">Who changes it (null for the operator).</param>
/// <param name="Actor">Who changes it, for the security log (<c>user:web</c>, <c>admin</c>).</param>
/// <param name="NowMicros">The time of the change.</param>
public sealed record ChannelPolicyCommand(string TenantId, Func<ChannelPolicy, ChannelPolicy> Change, string? PrincipalId, string Actor, long NowMicros);
