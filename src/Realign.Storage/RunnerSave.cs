namespace Realign.Storage;

/// <summary>The state a runner keeps after a pass, saved only while it holds the lease (<see cref="IReplicaStore.SaveRunnerAsync"/>).</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Owner">The lease owner.</param>
/// <param name="NowMicros">The owner's clock now: the lease must end after it.</param>
/// <param name="UntilMicros">The new end of the lease.</param>
/// <param name="Cursor">The last change sequence the pass handed to the engine.</param>
/// <param name="Skip">The sequence numbers above <paramref name="Cursor"/> that the runner wrote itself.</param>
/// <param name="PrincipalId">The runner's principal (null keeps the stored one).</param>
public sealed record RunnerSave(string TenantId, string Owner, long NowMicros, long UntilMicros, long Cursor, IReadOnlyList<long> Skip, string? PrincipalId);
