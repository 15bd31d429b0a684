using Realign.Core.Contract;
using Realign.EndToEnd.Tests.Vault;
using Realign.Vault.Sync;

namespace Realign.EndToEnd.Tests.Vaults;

public sealed class BatchIdCollisionTests
{
    [BackendTheory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.Postgres)]
    public async Task BatchIdReusedBug_ServerHoldsTheVaultsBatchIdForAnotherBody_VaultPushesUnderANewIdAndKeepsWorking(Backend backend)
    {
        if (backend == Backend.Postgres && !PostgresServer.Available()) { return; }
        await using var server = await HostedServer.StartAsync(backend, LiveTenant.Options);
        using var tenant = await LiveTenant.CreateAsync(server);
        var a = await tenant.NewVaultAsync("a");
        var collide = new CollidingTransport(server, a.Token, a.Transport);
        var client = new SyncClient(a.Vault, collide);
        a.Vault.Put("note", "n1", """{"title":"mine"}""");

        var summary = await client.SyncAsync();

        Assert.Equal(1, collide.Collisions);
        Assert.Equal(409, collide.CollisionStatus);
        Assert.Equal(1, summary.Pushed);
        Assert.Equal(0, summary.SetAside);
        Assert.Equal(0, a.Vault.Status().OutboxCount);
        Assert.Equal("mine", (await tenant.StateAsync("note", "n1"))!.FindField("title")!.Effective!.Value.Value.Trim('"'));
        Assert.NotNull(await tenant.StateAsync("note", "planted"));
        a.Vault.Put("note", "n2", """{"title":"later"}""");
        Assert.Equal(1, (await client.SyncAsync()).Pushed);
    }

    /// <summary>Before the vault's first push, pushes another body under the same batch id with the same token.</summary>
    private sealed class CollidingTransport(HostedServer server, string token, ISyncTransport inner) : ISyncTransport
    {
        public int Collisions { get; private set; }

        public int CollisionStatus { get; private set; }

        public Task<MeResponse> GetMeAsync(CancellationToken cancellationToken) => inner.GetMeAsync(cancellationToken);

        public async Task<PushResult> PushAsync(PushRequest request, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(request);
            if (Collisions == 0)
            {
                var at = DateTimeOffset.UtcNow.AddSeconds(-5).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
                var other = $$$"""{"batch_id":"{{{request.BatchId}}}","items":[{"entity_type":"note","entity_id":"planted","truth_level":1,"origin_source":"user:desktop","last_modified_at":"{{{at}}}","payload":{"title":"x"}}]}""";
                Assert.Equal(200, (await server.Api.SendAsync(HttpMethod.Post, "/sync/push", token, other)).Status);
                Collisions++;
                var first = await inner.PushAsync(request, cancellationToken);
                CollisionStatus = first.Status;
                return first;
            }

            return await inner.PushAsync(request, cancellationToken);
        }

        public Task<PullResponse> PullAsync(long since, int limit, CancellationToken cancellationToken) => inner.PullAsync(since, limit, cancellationToken);

        public Task<IReadOnlyList<ConflictDto>> GetConflictsAsync(string status, CancellationToken cancellationToken) => inner.GetConflictsAsync(status, cancellationToken);

        public Task<ResolveResponse> ResolveAsync(ResolveRequest request, CancellationToken cancellationToken) => inner.ResolveAsync(request, cancellationToken);
    }
}
