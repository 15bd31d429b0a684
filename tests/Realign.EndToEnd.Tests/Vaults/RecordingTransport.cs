using System.Collections.Concurrent;
using Realign.Core.Contract;
using Realign.Vault.Sync;

namespace Realign.EndToEnd.Tests.Vaults;

public sealed class RecordingTransport(ISyncTransport inner) : ISyncTransport, IDisposable
{
    public ConcurrentDictionary<string, IReadOnlyList<SyncItem>> Acknowledged { get; } = new();

    public Task<MeResponse> GetMeAsync(CancellationToken cancellationToken) => inner.GetMeAsync(cancellationToken);

    public async Task<PushResult> PushAsync(PushRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await inner.PushAsync(request, cancellationToken);
        if (result.Response is not null)
        {
            Acknowledged.TryAdd(request.BatchId!, [.. request.Items!]);
        }

        return result;
    }

    public Task<PullResponse> PullAsync(long since, int limit, CancellationToken cancellationToken) => inner.PullAsync(since, limit, cancellationToken);

    public Task<IReadOnlyList<ConflictDto>> GetConflictsAsync(string status, CancellationToken cancellationToken) => inner.GetConflictsAsync(status, cancellationToken);

    public Task<ResolveResponse> ResolveAsync(ResolveRequest request, CancellationToken cancellationToken) => inner.ResolveAsync(request, cancellationToken);

    public Task<ChecksumResponse?> GetChecksumAsync(CancellationToken cancellationToken) => inner.GetChecksumAsync(cancellationToken);

    public void Dispose() => (inner as IDisposable)?.Dispose();
}
