using System.Globalization;

namespace Realign.Storage.Internal;

internal abstract partial class SqlReplicaStore
{
    /// <summary>The longest a waiter sleeps between reads of the sequence, so a missed wake-up costs at most this long.</summary>
    private static readonly TimeSpan RecheckEvery = TimeSpan.FromSeconds(5);

    private protected TenantSignals Signals { get; } = new();

    public async Task<long> WaitForChangeAsync(string tenantId, long since, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        await StartChangeFeedAsync(cancellationToken).ConfigureAwait(false);
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var next = Signals.Next(tenantId);
            var seq = await ReadSeqAsync(tenantId, cancellationToken).ConfigureAwait(false);
            var remaining = deadline - DateTimeOffset.UtcNow;
            if (seq > since || remaining <= TimeSpan.Zero)
            {
                return seq;
            }

            try
            {
                await next.WaitAsync(remaining < RecheckEvery ? remaining : RecheckEvery, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Read the sequence again: the deadline, or a wake-up that never came.
            }
        }
    }

    /// <summary>Starts listening for other servers' commits (PostgreSQL); nothing for an in-process store.</summary>
    internal protected virtual Task StartChangeFeedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A statement run inside every write transaction that changes a tenant's sequence (@t = the tenant), or null.</summary>
    protected virtual string? NotifyChangeSql => null;

    private async Task<long> ReadSeqAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var seq = await ScalarAsync(connection, null, "SELECT seq FROM tenants WHERE id = @t", cancellationToken, ("@t", tenantId)).ConfigureAwait(false)
            ?? throw new ReplicaStoreException("not-found", $"no tenant '{tenantId}'");
        return Convert.ToInt64(seq, CultureInfo.InvariantCulture);
    }
}
