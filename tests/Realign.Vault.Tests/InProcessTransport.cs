using Realign.Core.Contract;
using Realign.Vault.Sync;

namespace Realign.Vault.Tests;

public sealed class InProcessTransport(InMemoryServer server, string token) : ISyncTransport
{
    public bool Offline { get; set; }

    public int FailPushesBeforeSuccess { get; set; }

    public Task<MeResponse> GetMeAsync(CancellationToken cancellationToken)
    {
        Check();
        var scope = server.Scope(token);
        return Task.FromResult(new MeResponse(scope.TenantId, "Test", VaultModes.Parse(server.VaultMode, "the in-memory server"), scope.PrincipalId, "user_device", scope.UserChannel!, scope.CanAccept, scope.Levels.Select(l => (int)l).ToList(), scope.OriginPrefixes));
    }

    public Task<PushResult> PushAsync(PushRequest request, CancellationToken cancellationToken)
    {
        Check();
        var wire = Wire(request, RealignJsonContext.Default.PushRequest);
        var result = server.Push(token, wire);
        if (FailPushesBeforeSuccess > 0)
        {
            FailPushesBeforeSuccess--;
            throw new SyncTransportException("simulated lost response after commit");
        }

        return Task.FromResult(result.Response is { } r ? result with { Response = Wire(r, RealignJsonContext.Default.PushResponse) } : result);
    }

    public Task<PullResponse> PullAsync(long since, int limit, CancellationToken cancellationToken)
    {
        Check();
        return Task.FromResult(Wire(server.Pull(token, since, limit), RealignJsonContext.Default.PullResponse));
    }

    public Task<IReadOnlyList<ConflictDto>> GetConflictsAsync(string status, CancellationToken cancellationToken)
    {
        Check();
        return Task.FromResult(server.Conflicts(status));
    }

    public Task<ResolveResponse> ResolveAsync(ResolveRequest request, CancellationToken cancellationToken)
    {
        Check();
        return Task.FromResult(server.Resolve(token, request));
    }

    private void Check()
    {
        if (Offline)
        {
            throw new SyncTransportException("offline");
        }
    }

    private static T Wire<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        System.Text.Json.JsonSerializer.Deserialize(System.Text.Json.JsonSerializer.Serialize(value, info), info)!;
}
