using System.Collections.Concurrent;
using Realign.Core.Truth;
using Realign.Storage;

namespace Realign.Server.Internal;

/// <summary>When each device last synced, written at most once a minute per device by this server, so a busy device costs
/// the database one small update a minute, not one per request.</summary>
internal sealed class DeviceActivity(IReplicaStore store, TimeProvider clock)
{
    private const int Capacity = 100_000;
    private static readonly long Minute = (long)TimeSpan.FromMinutes(1).TotalMicroseconds;
    private readonly ConcurrentDictionary<string, long> _written = new(StringComparer.Ordinal);

    public Task TouchAsync(PrincipalInfo principal, CancellationToken ct)
    {
        var minute = UtcMicros.From(clock.GetUtcNow()) / Minute * Minute;
        var key = principal.TenantId + "/" + principal.PrincipalId;
        if (_written.TryGetValue(key, out var last) && last >= minute)
        {
            return Task.CompletedTask;
        }

        if (_written.Count >= Capacity)
        {
            _written.Clear();
        }

        _written[key] = minute;
        return store.TouchPrincipalAsync(principal.TenantId, principal.PrincipalId, minute, ct);
    }
}
