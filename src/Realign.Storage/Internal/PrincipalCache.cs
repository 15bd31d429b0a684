using System.Collections.Concurrent;

namespace Realign.Storage.Internal;

/// <summary>Live principals by token hash for a few seconds, so a request does not query the database for its token.</summary>
/// <remarks>
/// Bounded: at most <see cref="Capacity"/> entries (emptied when full), each kept <see cref="Lifetime"/>. A revoke on this
/// instance removes the principal's entries at once and bumps a generation, so a lookup that read the row before the
/// revoke cannot store it after; a revoke on another instance sharing the database is seen within <see cref="Lifetime"/>.
/// </remarks>
internal sealed class PrincipalCache
{
    public const int Capacity = 10_000;

    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (PrincipalInfo Principal, long ExpiresAt)> entries = new(StringComparer.Ordinal);
    private long generation;

    /// <summary>The generation to pass to <see cref="Store"/> for a row read after this call.</summary>
    public long Generation => Interlocked.Read(ref generation);

    public PrincipalInfo? Find(string tokenHash)
    {
        if (entries.TryGetValue(tokenHash, out var entry))
        {
            if (Environment.TickCount64 < entry.ExpiresAt)
            {
                return entry.Principal;
            }

            entries.TryRemove(tokenHash, out _);
        }

        return null;
    }

    /// <summary>Keeps a live principal read at <paramref name="readGeneration"/>, unless a revoke happened since.</summary>
    public void Store(string tokenHash, PrincipalInfo principal, long readGeneration)
    {
        if (principal.Revoked)
        {
            return;
        }

        if (entries.Count >= Capacity)
        {
            entries.Clear();
        }

        entries[tokenHash] = (principal, Environment.TickCount64 + (long)Lifetime.TotalMilliseconds);
        if (Generation != readGeneration)
        {
            entries.TryRemove(tokenHash, out _);
        }
    }

    /// <summary>Forgets every cached token of one principal.</summary>
    public void Forget(string tenantId, string principalId)
    {
        Interlocked.Increment(ref generation);
        foreach (var (hash, entry) in entries)
        {
            if (entry.Principal.TenantId == tenantId && entry.Principal.PrincipalId == principalId)
            {
                entries.TryRemove(hash, out _);
            }
        }
    }
}
