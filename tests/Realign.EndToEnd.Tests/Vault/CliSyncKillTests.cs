using System.Diagnostics;
using Realign.Core.Contract;
using Realign.Vault;
using Xunit.Abstractions;

namespace Realign.EndToEnd.Tests.Vault;

public sealed class CliSyncKillTests(ITestOutputHelper output)
{
    private const int NotesPerRound = 250;

    [Fact]
    public async Task CliSyncKilledAtRandomPoints_TwentyRounds_IntegrityOkNothingLostNoDuplicates()
    {
        var random = new Random(4242);
        await using var server = await HostedServer.StartAsync(Backend.Sqlite, LiveTenant.Options);
        using var tenant = await LiveTenant.CreateAsync(server);
        var dir = Path.Combine(server.Folder.Path, "cli-vault");
        var token = await tenant.TokenAsync(Realign.Core.Rules.PrincipalKind.UserDevice, "desktop", canAccept: true);
        LocalVault.Create(dir, new VaultSettings(tenant.TenantId, "desktop", VaultMode.CloudFirst, server.Url, "file:token")).Dispose();
        await File.WriteAllTextAsync(Path.Combine(dir, "token"), token + "\n");
        var other = await tenant.NewVaultAsync("other", "web");
        var acknowledged = new Dictionary<string, string>();
        var first = await Cli.RunAsync("sync", "--vault", dir);
        Assert.True(first.ExitCode == 0, first.ToString());

        var states = new List<string>();
        for (var round = 0; round < 20; round++)
        {
            using (var vault = LocalVault.Open(dir))
            {
                for (var i = 0; i < NotesPerRound; i++)
                {
                    var id = $"a{round}-{i}";
                    vault.Put("note", id, $$"""{"title":"{{id}}","body":"round {{round}} note {{i}}"}""");
                    acknowledged[id] = id;
                }
            }

            if (round % 5 == 0)
            {
                var id = $"cli{round}";
                var added = await Cli.RunAsync("note", "add", id, "--id", id, "--body", "added by the CLI", "--vault", dir);
                Assert.True(added.ExitCode == 0, added.ToString());
                acknowledged[id] = id;
            }

            for (var i = 0; i < 150; i++)
            {
                var id = $"b{round}-{i}";
                other.Vault.Put("note", id, $$"""{"title":"{{id}}"}""");
                acknowledged[id] = id;
            }

            await other.SyncAsync();
            var trigger = round % 3;
            var seqBefore = await SeqAsync(tenant);
            using var process = Process.Start(Cli.StartInfo("sync", "--vault", dir))!;
            var drainOut = process.StandardOutput.ReadToEndAsync();
            var drainErr = process.StandardError.ReadToEndAsync();
            var writer = WriteDuringSyncAsync(dir, round, acknowledged);
            var exited = trigger switch
            {
                0 => process.WaitForExit(random.Next(100, 1200)),
                1 => await WaitForSeqAsync(tenant, process, seqBefore + 1) || process.WaitForExit(random.Next(0, 30)),
                _ => await WaitForSeqAsync(tenant, process, seqBefore + NotesPerRound) || process.WaitForExit(random.Next(0, 250)),
            };
            if (!exited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            await Task.WhenAll(drainOut, drainErr, writer);
            using var reopened = LocalVault.Open(dir);
            Assert.Equal("ok", reopened.IntegrityCheck());
            var status = reopened.Status();
            var seq = await SeqAsync(tenant);
            states.Add(exited ? "completed" : status.InFlightCount > 0 ? "killed in push" : status.Checkpoint < seq ? "killed in pull" : "killed after pull");
        }

        output.WriteLine(string.Join("; ", states));
        Assert.Contains(states, s => s.StartsWith("killed", StringComparison.Ordinal));

        var last = await Cli.RunAsync("sync", "--vault", dir);
        Assert.True(last.ExitCode == 0, last.ToString());
        await other.SyncAsync();

        var heads = await tenant.PullAllAsync(token);
        var onServer = heads.Select(h => h.EntityId!).ToList();
        Assert.Equal(onServer.Count, onServer.Distinct().Count());
        Assert.Equal(acknowledged.Keys.Order(), onServer.Order());

        var fresh = await tenant.NewVaultAsync("fresh", "mobile");
        await fresh.SyncAsync();
        var notes = fresh.Vault.List("note");
        Assert.Equal(acknowledged.Keys.Order(), notes.Select(n => n.EntityId).Order());
        Assert.All(notes, n => Assert.Equal(acknowledged[n.EntityId], n.Text("title")));
        using (var cliVault = LocalVault.Open(dir))
        {
            Assert.Equal(acknowledged.Count, cliVault.List("note").Count);
            Assert.Equal(0, cliVault.Status().OutboxCount);
            Assert.Empty(cliVault.SetAside());
        }

        await Converge.AssertIdenticalAsync(tenant, fresh, other);
    }

    private static async Task WriteDuringSyncAsync(string dir, int round, Dictionary<string, string> acknowledged)
    {
        using var vault = LocalVault.Open(dir);
        for (var i = 0; i < 5; i++)
        {
            var id = $"during{round}-{i}";
            vault.Put("note", id, $$"""{"title":"{{id}}"}""");
            lock (acknowledged)
            {
                acknowledged[id] = id;
            }

            await Task.Delay(30);
        }
    }

    private static async Task<long> SeqAsync(LiveTenant tenant) => (await tenant.Server.Store.FindTenantAsync(tenant.TenantId))!.Seq;

    private static async Task<bool> WaitForSeqAsync(LiveTenant tenant, Process process, long atLeast)
    {
        var deadline = Stopwatch.StartNew();
        while (await SeqAsync(tenant) < atLeast)
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(20))
            {
                return process.HasExited;
            }

            await Task.Delay(5);
        }

        return false;
    }
}
