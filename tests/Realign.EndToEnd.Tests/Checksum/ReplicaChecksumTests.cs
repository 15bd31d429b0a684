using Realign.Core.Merge;
using Realign.Core.Rules;
using Realign.Core.Truth;
using Realign.EndToEnd.Tests.Harness;

namespace Realign.EndToEnd.Tests.Checksum;

public sealed class ReplicaChecksumTests
{
    private static async Task<(HostedServer Server, Replica A, Replica B)> TwoSyncedReplicasAsync()
    {
        var server = await HostedServer.StartSqliteAsync();
        var tenant = await server.NewTenantAsync();
        var scope = PrincipalScope.For(tenant.Id, tenant.PrincipalIds["owner"], PrincipalKind.UserDevice, "desktop", true);
        var a = new Replica("a", tenant.Id, tenant.Owner, scope);
        var b = new Replica("b", tenant.Id, tenant.Owner, scope);
        for (var i = 0; i < 20; i++)
        {
            a.Write($"c{i}", Wire.Item($"n{i}", 1, "user:desktop", i, $$"""{"title":"t{{i}}","n":{{i}}}"""));
        }

        a.Write("ai", Wire.Item("n3", 3, "ai-local:m", 50, """{"title":"proposed"}"""));
        a.Write("del", Wire.Item("n4", 1, "user:desktop", 60, "{}").With("deleted", true));
        await a.DrainAsync(server.Api);
        Assert.Empty(a.Outbox);
        await a.PullAllAsync(server.Api);
        await b.PullAllAsync(server.Api);
        return (server, a, b);
    }

    [Fact]
    public async Task Checksum_SyncedReplicas_EqualTheServersAtItsCursor()
    {
        var (server, a, b) = await TwoSyncedReplicasAsync();
        await using var _ = server;
        var reply = (await server.Api.GetAsync("/sync/checksum", a.Token)).Json;
        Assert.Equal(a.Cursor, reply.GetProperty("cursor").GetInt64());
        Assert.Equal(19, reply.GetProperty("entities").GetInt64());
        Assert.Equal(reply.GetProperty("checksum").GetString(), a.Checksum());
        Assert.Equal(a.Checksum(), b.Checksum());
        Assert.True(await a.VerifyOrResyncAsync(server.Api));
    }

    [Fact]
    public async Task Checksum_ReplicaWithInjectedRegister_DetectedAndFullResyncRestoresIt()
    {
        var (server, a, b) = await TwoSyncedReplicasAsync();
        await using var _ = server;
        var key = b.Find("note", "n7")!.Key;
        b.Corrupt(new Write(key, new Stamp(TruthLevel.User, UtcMicros.From(DateTimeOffset.UtcNow), "user:desktop"), [new("title", "\"silently-corrupted\"")]));
        Assert.NotEqual(a.Checksum(), b.Checksum());
        Assert.False(await b.VerifyOrResyncAsync(server.Api));
        Assert.Equal(a.Checksum(), b.Checksum());
        Assert.True(b.Find("note", "n7")!.SameRegisters(a.Find("note", "n7")!));
        Assert.True(await b.VerifyOrResyncAsync(server.Api));
    }

    [Fact]
    public async Task Checksum_ReplicaMissingAnEntity_DetectedAndFullResyncRestoresIt()
    {
        var (server, a, b) = await TwoSyncedReplicasAsync();
        await using var _ = server;
        b.Forget("note", "n11");
        Assert.True(await a.VerifyOrResyncAsync(server.Api));
        Assert.False(await b.VerifyOrResyncAsync(server.Api));
        Assert.NotNull(b.Find("note", "n11"));
        Assert.Equal(a.Checksum(), b.Checksum());
    }
}
