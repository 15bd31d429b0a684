namespace Realign.Storage;

/// <summary>A tenant's automation runner as stored (table <c>automation_runners</c>): how far it has read the tenant's
/// changes, the principal it writes as, and the lease that says which server runs it.</summary>
/// <remarks>One row per tenant, so one runner per tenant however many servers share the store. A lease is held by
/// <see cref="LeaseOwner"/> while <see cref="LeaseUntilMicros"/> is in the future by the taker's clock; a free lease has
/// no owner.</remarks>
/// <param name="TenantId">The tenant.</param>
/// <param name="Cursor">The last change sequence handed to the engine, or null before the first pass.</param>
/// <param name="Skip">Sequence numbers above <paramref name="Cursor"/> that the runner's own last pass wrote, ascending.</param>
/// <param name="PrincipalId">The tenant's internal automation principal, or null before it is created.</param>
/// <param name="LeaseOwner">The server that holds the lease, or null when it is free.</param>
/// <param name="LeaseUntilMicros">When the lease ends (UTC microseconds); 0 when free.</param>
public sealed record AutomationRunner(string TenantId, long? Cursor, IReadOnlyList<long> Skip, string? PrincipalId, string? LeaseOwner, long LeaseUntilMicros);
