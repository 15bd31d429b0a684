using System.Diagnostics;
using Realign.Core.Contract;
using Realign.Vault.Watch;
using Realign.Vault;

namespace Realign.EndToEnd.Tests.Vault;

public sealed class CliWatchProcessTests
{
    [Fact]
    public async Task RealignWatchProcess_FileCreatedThenRemoteEdit_BothWaysOnceWithoutEcho()
    {
        await using var server = await HostedServer.StartAsync(Backend.Sqlite, LiveTenant.Options);
        using var tenant = await LiveTenant.CreateAsync(server);
        var (dir, folder) = await DesktopVaultAndFolderAsync(tenant);
        var b = await tenant.NewVaultAsync("b", "web");
        using var watch = Process.Start(Cli.StartInfo("watch", folder, "--vault", dir, "--interval", "1"))!;
        var drainOut = watch.StandardOutput.ReadToEndAsync();
        var drainErr = watch.StandardError.ReadToEndAsync();
        try
        {
            var file = Path.Combine(folder, "plan.md");
            await File.WriteAllTextAsync(file, "# Plan\nstep one\n");
            await Until(async () =>
            {
                await b.SyncAsync();
                return b.Vault.List("note").Any(n => n.Text("title") == "Plan");
            });
            var id = Assert.Single(b.Vault.List("note")).EntityId;
            Assert.Equal("# Plan\nstep one\n", b.Vault.Get("note", id)!.Text("body"));

            b.Vault.Put("note", id, """{"body":"# Plan\nstep two from the web\n"}""");
            await b.SyncAsync();
            await Until(() => Task.FromResult(MarkdownNote.Parse(File.ReadAllText(file), "plan.md").Body == "# Plan\nstep two from the web\n"));
            var written = File.GetLastWriteTimeUtc(file);
            var seq = (await server.Host.Store.FindTenantAsync(tenant.TenantId))!.Seq;

            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.False(watch.HasExited);
            Assert.Equal(seq, (await server.Host.Store.FindTenantAsync(tenant.TenantId))!.Seq);
            Assert.Equal(written, File.GetLastWriteTimeUtc(file));
            Assert.Equal(0, (await b.SyncAsync()).Changed);
        }
        finally
        {
            watch.Kill(entireProcessTree: true);
            await watch.WaitForExitAsync();
            await Task.WhenAll(drainOut, drainErr);
        }

        using var reopened = LocalVault.Open(dir);
        Assert.Equal("ok", reopened.IntegrityCheck());
        await Converge.AssertIdenticalAsync(tenant, b);
    }

    [Fact]
    public async Task RealignWatchProcess_LongInterval_RemoteEditArrivesThroughTheLongPoll()
    {
        await using var server = await HostedServer.StartAsync(Backend.Sqlite, LiveTenant.Options);
        using var tenant = await LiveTenant.CreateAsync(server);
        var (dir, folder) = await DesktopVaultAndFolderAsync(tenant);
        var b = await tenant.NewVaultAsync("b", "web");
        b.Vault.Put("note", "n1", """{"title":"Groceries","body":"milk\n"}""");
        await b.SyncAsync();

        // An interval far beyond the test's bound: only the long poll can bring the remote edit in time.
        using var watch = Process.Start(Cli.StartInfo("watch", folder, "--vault", dir, "--interval", "600"))!;
        var drainOut = watch.StandardOutput.ReadToEndAsync();
        var drainErr = watch.StandardError.ReadToEndAsync();
        try
        {
            await Until(() => Task.FromResult(Directory.EnumerateFiles(folder, "*.md").Any()));
            var file = Assert.Single(Directory.EnumerateFiles(folder, "*.md"));

            // Let the watch settle into its wait: its own write-back wakes it once more. A wait that is too short can only
            // let this test pass for the wrong reason, never fail it; with the long poll removed the test fails.
            await Task.Delay(TimeSpan.FromSeconds(3));
            b.Vault.Put("note", "n1", """{"body":"milk\nbread\n"}""");
            await b.SyncAsync();
            await Until(() => Task.FromResult(MarkdownNote.Parse(File.ReadAllText(file), Path.GetFileName(file)).Body == "milk\nbread\n"));
            Assert.False(watch.HasExited);
        }
        finally
        {
            watch.Kill(entireProcessTree: true);
            await watch.WaitForExitAsync();
            await Task.WhenAll(drainOut, drainErr);
        }
    }

    /// <summary>A cloud-first desktop vault (token in a file, as <c>realign vault init</c> leaves it) and an empty folder to watch.</summary>
    private static async Task<(string Vault, string Folder)> DesktopVaultAndFolderAsync(LiveTenant tenant)
    {
        var dir = Path.Combine(tenant.Server.Folder.Path, "a");
        var folder = Path.Combine(tenant.Server.Folder.Path, "fa");
        Directory.CreateDirectory(folder);
        LocalVault.Create(dir, new VaultSettings(tenant.TenantId, "desktop", VaultMode.CloudFirst, tenant.Server.Url, "file:token")).Dispose();
        await File.WriteAllTextAsync(Path.Combine(dir, "token"), await tenant.TokenAsync(Realign.Core.Rules.PrincipalKind.UserDevice, "desktop", true) + "\n");
        return (dir, folder);
    }

    private static async Task Until(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "timed out waiting for the watch process");
            await Task.Delay(200);
        }
    }
}
