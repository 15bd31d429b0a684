using System.Collections.Concurrent;

namespace Realign.Storage.Internal;

/// <summary>Per-tenant wake-ups for waiters on a tenant's change sequence. A waiter takes <see cref="Next"/> before it reads
/// the sequence, so a change committed between the read and the wait still wakes it.</summary>
internal sealed class TenantSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _next = new(StringComparer.Ordinal);

    /// <summary>A task that completes at the next <see cref="Signal"/> of <paramref name="tenantId"/> (or of every tenant).</summary>
    public Task Next(string tenantId) =>
        _next.GetOrAdd(tenantId, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Wakes every waiter of <paramref name="tenantId"/>.</summary>
    public void Signal(string tenantId)
    {
        if (_next.TryRemove(tenantId, out var waiters))
        {
            waiters.TrySetResult();
        }
    }

    /// <summary>Wakes every waiter of every tenant (after a lost notification channel: each re-reads its sequence).</summary>
    public void SignalAll()
    {
        foreach (var tenantId in _next.Keys)
        {
            Signal(tenantId);
        }
    }
}
