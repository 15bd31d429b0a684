using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Rules;
using Realign.EndToEnd.Tests.Harness;
using Realign.Server;
using Realign.Storage;
using Xunit.Abstractions;

namespace Realign.EndToEnd.Tests.Convergence;

public sealed class ModelConvergenceTests(ITestOutputHelper output)
{
    private const int DefaultHistories = 500;
    private const int Steps = 30;

    [Fact]
    public async Task RandomHistories_FiveReplicasWithDroppedAndDuplicatedRequests_EveryReplicaEqualsTheModel()
    {
        var histories = int.TryParse(Environment.GetEnvironmentVariable("REALIGN_HISTORIES"), CultureInfo.InvariantCulture, out var n) ? n : DefaultHistories;
        var seeds = int.TryParse(Environment.GetEnvironmentVariable("REALIGN_SEED"), CultureInfo.InvariantCulture, out var only)
            ? [only]
            : Enumerable.Range(1, histories).ToArray();
        await using var server = await HostedServer.StartSqliteAsync(new RealignServerOptions { RateLimitPermits = 10_000_000 });
        var clock = Stopwatch.StartNew();
        var requests = 0;
        var writes = 0;
        var divergent = new List<string>();
        foreach (var seed in seeds)
        {
            var (requestCount, writeCount, failure) = await RunAsync(server, seed);
            requests += requestCount;
            writes += writeCount;
            if (failure is not null)
            {
                divergent.Add(failure);
            }
        }

        output.WriteLine($"{seeds.Length} histories, {writes} writes, ~{requests} requests, {divergent.Count} divergent, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(divergent.Count == 0, $"{divergent.Count} divergent histories; replay one with REALIGN_SEED=<seed>:\n{string.Join("\n", divergent.Take(5))}");
    }

    private static async Task<(int Requests, int Writes, string? Failure)> RunAsync(HostedServer server, int seed)
    {
        var tenant = await server.Store.CreateTenantAsync($"h{seed}-{Guid.NewGuid():N}"[..20], VaultMode.LocalFirst);

        // Every AI level reads everything: the model is of replicas that hold the whole state (an AI token whose level the
        // exposure policy gives no text reads heads without content, docs/search.md, and is no such replica).
        await server.Store.SetExposureAsync(new Realign.Storage.ExposureCommand(tenant.Id, new Realign.Core.Contract.ExposureChange(Realign.Core.Contract.Exposure.Full, Realign.Core.Contract.Exposure.Full, Realign.Core.Contract.Exposure.Full), null, "admin", Realign.Core.Truth.UtcMicros.From(DateTimeOffset.UtcNow)));
        var replicas = new List<Replica>();
        foreach (var actor in Actor.All)
        {
            var issued = await server.Store.CreateTokenAsync(new TokenRequest(tenant.Id, actor.Kind, actor.Channel, actor.CanAccept));
            replicas.Add(new Replica(actor.Name, tenant.Id, issued.Token, PrincipalScope.For(tenant.Id, issued.Principal.PrincipalId, actor.Kind, actor.Channel, actor.CanAccept)));
        }

        var history = new History(seed, replicas, server.Api);
        try
        {
            await history.RunAsync(Steps);
            await history.QuietSyncAsync();
        }
        catch (InvalidOperationException ex)
        {
            return (history.Requests, 0, $"seed {seed}: {ex.Message}");
        }

        var allWrites = replicas.SelectMany(r => r.Written).SelectMany(b => b.Writes).ToList();
        var model = History.Model(tenant.Id, allWrites);
        var observer = new Replica("server", tenant.Id, replicas[0].Token, replicas[0].Scope);
        await observer.PullAllAsync(server.Api);
        var sum = JsonDocument.Parse((await server.Api.GetAsync("/sync/checksum", replicas[0].Token)).Body).RootElement.GetProperty("checksum").GetString();
        var modelSum = ReplicaChecksum.Compute(model.Values);
        if (sum != modelSum)
        {
            return (history.Requests, allWrites.Count, $"seed {seed}: server checksum {sum} != model {modelSum}");
        }

        foreach (var replica in replicas.Prepend(observer))
        {
            if (Diverges(model, replica) is { } why)
            {
                return (history.Requests, allWrites.Count, $"seed {seed}: {replica.Name} diverges: {why}");
            }

            if (replica.Checksum() != modelSum)
            {
                return (history.Requests, allWrites.Count, $"seed {seed}: {replica.Name} checksum differs");
            }
        }

        return (history.Requests, allWrites.Count, null);
    }

    private static string? Diverges(Dictionary<(string, string), EntityState> model, Replica replica)
    {
        if (model.Count != replica.States.Count)
        {
            return $"{replica.States.Count} entities, model {model.Count}";
        }

        foreach (var (key, expected) in model)
        {
            var actual = replica.Find(key.Item1, key.Item2);
            if (actual is null || !actual.SameRegisters(expected))
            {
                var actualText = actual is null ? "missing" : JsonSerializer.Serialize(EntityCodec.ToHead(actual), RealignJsonContext.Default.SyncItem);
                return $"{key}: {actualText} vs model {JsonSerializer.Serialize(EntityCodec.ToHead(expected), RealignJsonContext.Default.SyncItem)}";
            }
        }

        return null;
    }
}
