using System.Diagnostics;
using Realign.Vault;
using Xunit.Abstractions;

namespace Realign.EndToEnd.Tests.Vault;

public sealed class CliSyncKillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task CliSyncKilledAtRandomPoints_TwentyRounds_IntegrityOkNothingLostNoDuplicates()
    {
        var random = new Random(4242);
        await using var server = await LiveServer.StartAsync(Backend.Sqlite);
        var dir = Path.Combine(server.Root, "cli-vault");
        var token = await server.TokenAsync(Realign.Core.Rules.PrincipalKind.UserDevice, "desktop", canAccept: true);
        LocalVault.Create(dir, new VaultSettings(server.TenantId, "desktop", Realign.Vault.VaultModes.CloudFirst, server.Url, "file:token")).Dispose();
        await File.WriteAllTextAsync(Path.Combine(dir, "token"), token + "\n");
        var other = await server.NewVaultAsync("other", "web");
        var acknowledged = new Dictionary<string, string>();

        var first = await Cli.RunAsync("sync", "--vault", dir);
        Assert.True(first.ExitCode == 0, first.ToString());
        var calibration = Stopwatch.StartNew();
        var idle = await Cli.RunAsync("sync", "--vault", dir);
        Assert.True(idle.ExitCode == 0, idle.ToString());
        var startMs = (int)calibration.ElapsedMilliseconds;
        var states = new List<string>();
        for (var round = 0; round < 20; round++)
        {
            using (var vault = LocalVault.Open(dir))
            {
                for (var i = 0; i < 400; i++)
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

            for (var i = 0; i < 300; i++)
            {
                var id = $"b{round}-{i}";
                other.Vault.Put("note", id, $$"""{"title":"{{id}}"}""");
                acknowledged[id] = id;
            }

            await other.SyncAsync();

            var delay = random.Next(startMs * 2 / 3, startMs + 600);
            using var process = Process.Start(Cli.StartInfo("sync", "--vault", dir))!;
            var drainOut = process.StandardOutput.ReadToEndAsync();
            var drainErr = process.StandardError.ReadToEndAsync();
            var exited = process.WaitForExit(delay);
            if (!exited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            await Task.WhenAll(drainOut, drainErr);
            using var reopened = LocalVault.Open(dir);
            Assert.Equal("ok", reopened.IntegrityCheck());
            var status = reopened.Status();
            var seq = (await server.Host.Store.FindTenantAsync(server.TenantId))!.Seq;
            states.Add(exited ? "completed" : status.OutboxCount > 0 ? $"killed in push ({status.InFlightCount} in flight)" : status.Checkpoint < seq ? "killed in pull" : "killed after pull");
        }

        output.WriteLine($"idle sync {startMs} ms; rounds: {string.Join("; ", states)}");
        Assert.Contains(states, s => s.StartsWith("killed", StringComparison.Ordinal));

        var last = await Cli.RunAsync("sync", "--vault", dir);
        Assert.True(last.ExitCode == 0, last.ToString());
        await other.SyncAsync();

        var heads = await server.PullAllAsync(token);
        var onServer = heads.Select(h => h.EntityId!).ToList();
        Assert.Equal(onServer.Count, onServer.Distinct().Count());
        Assert.Equal(acknowledged.Keys.Order(), onServer.Order());

        var fresh = await server.NewVaultAsync("fresh", "mobile");
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

        await Converge.AssertIdenticalAsync(server, fresh, other);
    }
}
