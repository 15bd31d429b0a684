using Realign.Core.Contract;
using Realign.Core.Rules;
using Realign.Core.Truth;
using Realign.Vault.Sync;

namespace Realign.Vault.Tests;

public sealed class Rig : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly List<LocalVault> _vaults = [];

    public Rig(string vaultMode = "cloud_first", TimeProvider? serverTime = null)
    {
        Server = new InMemoryServer("t1", vaultMode, serverTime);
    }

    public InMemoryServer Server { get; }

    public string Root => _dir.Path;

    public (LocalVault Vault, SyncClient Client, InProcessTransport Transport) NewVault(string name, string channel = "desktop", TimeProvider? time = null, SyncOptions? options = null)
    {
        var token = Server.AddToken(PrincipalKind.UserDevice, channel, canAccept: true);
        var transport = Server.Transport(token);
        var vault = LocalVault.Create(_dir.Sub(name), new VaultSettings(Server.TenantId, channel, VaultModes.Parse(Server.VaultMode, "the in-memory server")), time);
        _vaults.Add(vault);
        return (vault, new SyncClient(vault, transport, options), transport);
    }

    public LocalVault Reopen(LocalVault vault, TimeProvider? time = null)
    {
        var dir = vault.Directory;
        vault.Dispose();
        _vaults.Remove(vault);
        var again = LocalVault.Open(dir, time);
        _vaults.Add(again);
        return again;
    }

    public string AiToken() => Server.AddToken(PrincipalKind.AiCloud);

    public static SyncItem AiItem(string type, string id, string payloadJson, DateTimeOffset? at = null) => new()
    {
        EntityType = type,
        EntityId = id,
        TruthLevel = 5,
        OriginSource = "ai-cloud:llm",
        LastModifiedAt = UtcMicros.Format(UtcMicros.From(at ?? DateTimeOffset.UtcNow)),
        Payload = JsonValues.Parse(payloadJson),
    };

    public static void AssertConverged(LocalVault a, LocalVault b)
    {
        var left = a.List(includeDeleted: true);
        var right = b.List(includeDeleted: true).ToDictionary(e => (e.EntityType, e.EntityId));
        Assert.Equal(left.Count, right.Count);
        foreach (var e in left)
        {
            Assert.True(right.TryGetValue((e.EntityType, e.EntityId), out var other), $"{e.EntityType}/{e.EntityId} missing");
            Assert.True(e.State.SameRegisters(other!.State), $"{e.EntityType}/{e.EntityId} differs");
        }
    }

    public static void AssertMatchesServer(LocalVault vault, InMemoryServer server)
    {
        foreach (var e in vault.List(includeDeleted: true))
        {
            var remote = server.Entity(e.EntityType, e.EntityId);
            Assert.NotNull(remote);
            Assert.True(e.State.SameRegisters(remote!), $"{e.EntityType}/{e.EntityId} differs from the server");
        }
    }

    public void Dispose()
    {
        foreach (var v in _vaults)
        {
            v.Dispose();
        }

        _dir.Dispose();
    }
}
