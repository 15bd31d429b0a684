namespace Realign.Storage;

/// <summary>The lease a batch is written under: the batch applies only while <see cref="Owner"/> holds the tenant's
/// automation runner lease, which the same transaction extends to <see cref="UntilMicros"/>.</summary>
/// <remarks>The lease is checked (and on PostgreSQL its row locked) inside the batch's transaction, after the tenant lock,
/// so a server whose lease another one has taken commits nothing: <see cref="RunnerLeaseLostException"/>.</remarks>
/// <param name="Owner">The lease owner the runner took the lease as.</param>
/// <param name="UntilMicros">The new end of the lease (UTC microseconds).</param>
public sealed record RunnerFence(string Owner, long UntilMicros);
