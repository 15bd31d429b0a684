using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Rules;
using Realign.EndToEnd.Tests.Convergence;
using Realign.EndToEnd.Tests.Faults;
using Realign.EndToEnd.Tests.Harness;
using Realign.Server;
using Realign.Storage;
using Realign.Vault;
using Realign.Vault.Sync;
using Xunit.Abstractions;

namespace Realign.EndToEnd.Tests.Vaults;

public sealed class VaultConvergenceTests(ITestOutputHelper output)
{
    private static readonly string[] Ids = ["e1", "e2", "e3"];
    private static readonly string[] Fields = ["title", "body", "n"];
    private static readonly (string Token, string Channel)[] VaultPrincipals = [("owner", "desktop"), ("web", "web"), ("cli", "cli")];
    private static readonly (string Token, PrincipalKind Kind, int Level, string Origin)[] Machines = [("automation", PrincipalKind.Automation, 2, "automation:r1"), ("ai-cloud", PrincipalKind.AiCloud, 5, "ai-cloud:m")];

    [Fact]
    public async Task RandomHistories_RealVaultsAndMachinesThroughFaultProxy_EveryReplicaEqualsTheModel()
    {
        var histories = int.TryParse(Environment.GetEnvironmentVariable("REALIGN_VAULT_HISTORIES"), CultureInfo.InvariantCulture, out var n) ? n : 40;
        int[] seeds = int.TryParse(Environment.GetEnvironmentVariable("REALIGN_SEED"), CultureInfo.InvariantCulture, out var only) ? [only] : [.. Enumerable.Range(1, histories)];
        await using var server = await HostedServer.StartSqliteAsync(new RealignServerOptions { RateLimitPermits = 10_000_000 });
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        var writes = 0;
        foreach (var seed in seeds)
        {
            var (count, failure) = await RunAsync(server, seed);
            writes += count;
            if (failure is not null)
            {
                failures.Add(failure);
            }
        }

        output.WriteLine($"{seeds.Length} histories with 3 real vaults and 2 machine replicas through the fault proxy, {writes} admitted writes, {failures.Count} divergent, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(failures.Count == 0, $"replay with REALIGN_SEED=<seed>:\n{string.Join("\n", failures.Take(5))}");
    }

    private static async Task<(int Writes, string? Failure)> RunAsync(HostedServer server, int seed)
    {
        var random = new Random(seed);
        var tenant = await server.NewTenantAsync(VaultMode.CloudFirst);
        var plan = new FaultPlan(seed, 0.25, FaultKind.DropRequest, FaultKind.DropResponseAfterCommit, FaultKind.ResetMidBody, FaultKind.Status500, FaultKind.Status503);
        await using var proxy = await FaultProxy.StartAsync(server.Host.BaseAddress, plan);
        using var api = new Api(proxy.BaseAddress);
        using var folder = new TempDir("realign-vconv-");
        var transports = VaultPrincipals.Select(p => new RecordingTransport(new HttpSyncTransport(proxy.BaseAddress, tenant.Tokens[p.Token], maxRetries: 1, firstDelay: TimeSpan.FromMilliseconds(1)))).ToList();
        var vaults = VaultPrincipals.Select(p => LocalVault.Create(folder.Sub(p.Token), new VaultSettings(tenant.Id, p.Channel))).ToList();
        var machines = Machines.Select(m => new Replica(m.Token, tenant.Id, tenant.Tokens[m.Token], PrincipalScope.For(tenant.Id, tenant.PrincipalIds[m.Token], m.Kind))).ToList();
        try
        {
            for (var step = 0; step < 25; step++)
            {
                var actor = random.Next(5);
                if (actor < 3)
                {
                    await VaultStepAsync(random, vaults[actor], transports[actor]);
                }
                else
                {
                    await MachineStepAsync(random, machines[actor - 3], Machines[actor - 3], api, seed, step);
                }
            }

            plan.Enabled = false;
            foreach (var machine in machines)
            {
                await machine.DrainAsync(api);
            }

            for (var round = 0; round < 2; round++)
            {
                for (var v = 0; v < vaults.Count; v++)
                {
                    await new SyncClient(vaults[v], transports[v]).SyncAsync();
                }
            }

            foreach (var machine in machines)
            {
                await machine.PullAllAsync(api);
            }

            var vaultWrites = transports.SelectMany((t, v) => t.Acknowledged.Values.SelectMany(items => items.Select((item, i) =>
                ItemAdmission.Admit(item, i, PrincipalScope.For(tenant.Id, tenant.PrincipalIds[VaultPrincipals[v].Token], PrincipalKind.UserDevice, VaultPrincipals[v].Channel, VaultPrincipals[v].Token != "cli"), SchemaPolicy.Default, long.MaxValue / 2).Write!)));
            var allWrites = vaultWrites.Concat(machines.SelectMany(m => m.Written).SelectMany(b => b.Writes)).ToList();
            var model = History.Model(tenant.Id, allWrites);
            var expected = ReplicaChecksum.Compute(model.Values);
            var observer = new Replica("server", tenant.Id, tenant.Owner, machines[0].Scope);
            await observer.PullAllAsync(server.Api);
            foreach (var (name, states) in vaults.Select((v, i) => (VaultPrincipals[i].Token, v.List(includeDeleted: true).Select(e => e.State).ToList()))
                .Concat(machines.Append(observer).Select(m => (m.Name, m.States.Values.ToList()))))
            {
                if (states.Count != model.Count || states.Any(s => !model.TryGetValue((s.Key.EntityType, s.Key.EntityId), out var m) || !m.SameRegisters(s)))
                {
                    return (allWrites.Count, $"seed {seed}: {name} differs from the model ({states.Count} vs {model.Count} entities)");
                }

                if (ReplicaChecksum.Compute(states) != expected)
                {
                    return (allWrites.Count, $"seed {seed}: {name} checksum differs");
                }
            }

            return (allWrites.Count, null);
        }
        finally
        {
            vaults.ForEach(v => v.Dispose());
            transports.ForEach(t => t.Dispose());
        }
    }

    private static async Task VaultStepAsync(Random random, LocalVault vault, RecordingTransport transport)
    {
        var roll = random.Next(100);
        var id = Ids[random.Next(Ids.Length)];
        if (roll < 45)
        {
            var payload = new JsonObject();
            foreach (var field in Fields.Where(_ => random.Next(2) == 0).DefaultIfEmpty(Fields[0]))
            {
                payload[field] = $"v{random.Next(5)}";
            }

            vault.Put("note", id, payload.ToJsonString());
        }
        else if (roll < 52 && vault.Get("note", id) is { IsDeleted: false })
        {
            vault.Delete("note", id);
        }
        else if (roll < 65 && vault.Suggestions().Where(s => s.Field != EntityState.DeletedField).ToList() is { Count: > 0 } suggestions)
        {
            var pick = suggestions[random.Next(suggestions.Count)];
            try
            {
                _ = random.Next(2) == 0 ? vault.Accept(pick.Id) : vault.Reject(pick.Id);
            }
            catch (VaultException)
            {
            }
        }
        else
        {
            try
            {
                await new SyncClient(vault, transport, new SyncOptions { VerifyChecksum = false }).SyncAsync();
            }
            catch (SyncTransportException)
            {
            }
        }
    }

    private static async Task MachineStepAsync(Random random, Replica machine, (string Token, PrincipalKind Kind, int Level, string Origin) who, Api api, int seed, int step)
    {
        if (random.Next(2) == 0)
        {
            var payload = new JsonObject { [Fields[random.Next(Fields.Length)]] = $"m{random.Next(5)}" };
            var item = Wire.Item(Ids[random.Next(Ids.Length)], who.Level, who.Origin, random.Next(0, 40), "{}");
            item["payload"] = payload;
            machine.Write($"h{seed}-{who.Token}-{step}", item);
        }

        await machine.DrainAsync(api);
        await machine.PullAllAsync(api);
    }
}
