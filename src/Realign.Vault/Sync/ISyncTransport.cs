using Realign.Core.Contract;

namespace Realign.Vault.Sync;

/// <summary>How a vault talks to a sync server: the wire contract's calls, one method each.</summary>
/// <remarks>Implementations retry transient failures themselves. A refused batch is a <see cref="PushResult"/> with
/// errors, not an exception; <see cref="ResyncRequiredException"/> signals a pull cursor older than the purge horizon;
/// anything else unrecoverable is a <see cref="SyncTransportException"/>.</remarks>
public interface ISyncTransport
{
    /// <summary><c>GET /auth/me</c>: who the token is.</summary>
    Task<MeResponse> GetMeAsync(CancellationToken cancellationToken);

    /// <summary>The store epoch the server gave with its latest push or pull answer (<c>Realign-Epoch</c>), or null when it
    /// gave none.</summary>
    string? ServerEpoch => null;

    /// <summary>Tells the server, with the next requests, how many changes wait in the outbox (the
    /// <c>Realign-Outbox-Depth</c> header, docs/api.md); a transport without a server ignores it.</summary>
    void ReportOutboxDepth(long depth)
    {
    }

    /// <summary><c>POST /sync/push</c>.</summary>
    Task<PushResult> PushAsync(PushRequest request, CancellationToken cancellationToken);

    /// <summary><c>GET /sync/pull?since=&amp;limit=</c>.</summary>
    Task<PullResponse> PullAsync(long since, int limit, CancellationToken cancellationToken);

    /// <summary><c>GET /sync/conflicts?status=</c>.</summary>
    Task<IReadOnlyList<ConflictDto>> GetConflictsAsync(string status, CancellationToken cancellationToken);

    /// <summary><c>GET /sync/checksum</c>: the server's checksum and its cursor, or null when the server has none.</summary>
    Task<ChecksumResponse?> GetChecksumAsync(CancellationToken cancellationToken) => Task.FromResult<ChecksumResponse?>(null);

    /// <summary><c>GET /sync/wait?since=&amp;timeout=</c>: completes with true as soon as the server's cursor passes
    /// <paramref name="since"/>, or with false after <paramref name="timeout"/>. A transport without live changes waits out the timeout.</summary>
    async Task<bool> WaitForChangeAsync(long since, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await Task.Delay(timeout, cancellationToken).ConfigureAwait(false);
        return false;
    }

    /// <summary><c>POST /sync/conflict-resolve</c>.</summary>
    Task<ResolveResponse> ResolveAsync(ResolveRequest request, CancellationToken cancellationToken);
}
