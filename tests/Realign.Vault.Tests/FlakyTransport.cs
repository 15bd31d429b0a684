using Realign.Core.Contract;
using Realign.Vault.Sync;

namespace Realign.Vault.Tests;

public sealed class FlakyTransport(ISyncTransport inner, int seed, double failure) : ISyncTransport
{
    private readonly Random _random = new(seed);

    public int Failures { get; private set; }

    public bool Enabled { get; set; } = true;

    public Task<MeResponse> GetMeAsync(CancellationToken cancellationToken) => inner.GetMeAsync(cancellationToken);

    public async Task<PushResult> PushAsync(PushRequest request, CancellationToken cancellationToken)
    {
        Maybe();
        var result = await inner.PushAsync(request, cancellationToken);
        Maybe();
        return result;
    }

    public async Task<PullResponse> PullAsync(long since, int limit, CancellationToken cancellationToken)
    {
        Maybe();
        var page = await inner.PullAsync(since, limit, cancellationToken);
        Maybe();
        return page;
    }

    public Task<IReadOnlyList<ConflictDto>> GetConflictsAsync(string status, CancellationToken cancellationToken)
    {
        Maybe();
        return inner.GetConflictsAsync(status, cancellationToken);
    }

    public Task<ResolveResponse> ResolveAsync(ResolveRequest request, CancellationToken cancellationToken) => inner.ResolveAsync(request, cancellationToken);

    private void Maybe()
    {
        if (Enabled && _random.NextDouble() < failure)
        {
            Failures++;
            throw new SyncTransportException("simulated crash");
        }
    }
}
