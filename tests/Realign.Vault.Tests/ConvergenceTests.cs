using Realign.Vault.Sync;

namespace Realign.Vault.Tests;

public sealed class ConvergenceTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public Task RandomOfflineEditsOnThreeVaults_AnySyncOrder_IdenticalRegistersEverywhere(int seed) => RunAsync(seed, localFirst: false);

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public Task RandomOfflineEditsOnEncryptedVaults_AnySyncOrder_IdenticalAndNoPlaintextOnServer(int seed) => RunAsync(seed, localFirst: true);

    private static async Task RunAsync(int seed, bool localFirst)
    {
        var random = new Random(seed);
        using var rig = new Rig(localFirst ? "local_first" : "cloud_first");
        var ai = rig.AiToken();
        var vaults = new List<(LocalVault Vault, SyncClient Client)>();
        foreach (var (name, channel) in new[] { ("a", "desktop"), ("b", "cli"), ("c", "mobile") })
        {
            var (v, c, _) = rig.NewVault(name, channel, options: new SyncOptions { PushBatchSize = 2, PullPageSize = 3 });
            if (localFirst)
            {
                await c.SyncAsync();
                v.UnlockWithPassphrase("shared secret", Crypto.KeyParameters.CreateNew(memoryKib: 8192, iterations: 1));
                await c.SyncAsync();
            }

            vaults.Add((v, c));
        }

        var fields = new[] { "title", "body", "tags" };
        for (var step = 0; step < 60; step++)
        {
            var (vault, client) = vaults[random.Next(vaults.Count)];
            var id = $"n{random.Next(4)}";
            switch (random.Next(10))
            {
                case < 5:
                    vault.Put("note", id, $$"""{"{{fields[random.Next(3)]}}":"plain v{{step}}"}""");
                    break;
                case 5:
                    vault.Delete("note", id);
                    break;
                case 6:
                    rig.Server.PushItems(ai, Rig.AiItem("note", id, $$"""{"title":"ai{{step}}"}""", DateTimeOffset.UtcNow));
                    break;
                case 7:
                    if (vault.Suggestions() is { Count: > 0 } list)
                    {
                        var s = list[random.Next(list.Count)];
                        if (random.Next(2) == 0)
                        {
                            vault.Accept(s.Id);
                        }
                        else
                        {
                            vault.Reject(s.Id);
                        }
                    }

                    break;
                default:
                    await client.SyncAsync();
                    break;
            }
        }

        foreach (var (_, client) in vaults.OrderBy(_ => random.Next()))
        {
            await client.SyncAsync();
        }

        foreach (var (_, client) in vaults)
        {
            await client.SyncAsync();
        }

        foreach (var (vault, _) in vaults)
        {
            Assert.Equal(0, vault.Status().OutboxCount);
            Rig.AssertMatchesServer(vault, rig.Server);
            Rig.AssertConverged(vaults[0].Vault, vault);
            Assert.Equal(rig.Server.Conflicts("open").Count, vault.Conflicts().Count);
        }

        if (localFirst)
        {
            Assert.DoesNotContain("plain v", rig.Server.Dump(), StringComparison.Ordinal);
            Assert.All(vaults, v => Assert.DoesNotContain(v.Vault.List().SelectMany(e => e.Payload.Values), x => x.Contains("rl1:", StringComparison.Ordinal) || x.Contains("undecryptable", StringComparison.Ordinal)));
        }
    }
}
