using Realign.Core.Contract;
using Realign.Core.Rules;
using Realign.Vault;
using static Realign.EndToEnd.Tests.Harness.Wire;

namespace Realign.EndToEnd.Tests.Vault;

/// <summary><c>realign admin backup|restore</c> and <c>realign vault backup</c> as an operator and a user run them.</summary>
public sealed class BackupCliTests
{
    [Fact]
    public async Task AdminBackup_WhileServing_IsTheStateAtThatMoment_AndRestoresIntoAServerThatServesIt()
    {
        await using var server = await HostedServer.StartSqliteAsync(LiveTenant.Options);
        using var tenant = await LiveTenant.CreateAsync(server);
        var token = await tenant.TokenAsync(PrincipalKind.UserDevice, "desktop", true);
        Assert.Equal(200, (await server.Api.PushAsync(token, Batch(Item("before", 1, "user:desktop", 1, """{"title":"kept"}""")))).Status);
        var data = Path.GetDirectoryName(server.SqlitePath!)!;
        var backup = Path.Combine(server.Folder.Path, "backups", "store.db");

        var run = await Cli.RunAsync("admin", "backup", backup, "--data", data);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(200, (await server.Api.PushAsync(token, Batch(Item("after", 1, "user:desktop", 2, """{"title":"later"}""")))).Status);
        var again = await Cli.RunAsync("admin", "backup", backup, "--data", data);
        Assert.NotEqual(0, again.ExitCode);
        Assert.StartsWith("error: ", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("never overwrites", again.Stderr, StringComparison.Ordinal);

        var restoredData = Path.Combine(server.Folder.Path, "restored");
        Directory.CreateDirectory(restoredData);
        await File.WriteAllTextAsync(Path.Combine(restoredData, "realign.db"), "not a database");
        var restore = await Cli.RunAsync("admin", "restore", backup, "--data", restoredData);
        Assert.True(restore.ExitCode == 0, restore.ToString());
        Assert.Contains("kept as", restore.Stdout, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(restoredData, "realign.db.before-restore-*"));

        await using var restored = await HostedServer.StartOnSqliteFileAsync(Path.Combine(restoredData, "realign.db"), LiveTenant.Options);
        var pull = await restored.Api.GetAsync("/sync/pull?since=0", token);
        Assert.Equal(200, pull.Status);
        var ids = pull.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("entity_id").GetString()).ToList();
        Assert.Equal(["before"], ids);
    }

    [Fact]
    public async Task AdminRestore_OfAFileThatIsNoBackup_ChangesNothing()
    {
        using var scratch = new TempDir("realign-restore-");
        var notBackup = Path.Combine(scratch.Path, "x.db");
        await File.WriteAllTextAsync(notBackup, "hello");
        var data = scratch.Sub("data");

        var run = await Cli.RunAsync("admin", "restore", notBackup, "--data", data);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("is not a usable backup", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data) && Directory.EnumerateFileSystemEntries(data).Any(), "the restore wrote something");
    }

    [Fact]
    public async Task VaultBackup_OpensAsTheSameVault()
    {
        using var scratch = new TempDir("realign-vault-backup-");
        var dir = scratch.Sub("vault");
        using (var vault = LocalVault.Create(dir, new VaultSettings("t1", "desktop")))
        {
            vault.Put("note", "n1", """{"title":"Boiler"}""");
        }

        var backup = Path.Combine(scratch.Path, "vault-backup.db");
        var run = await Cli.RunAsync("vault", "backup", backup, "--vault", dir);
        Assert.True(run.ExitCode == 0, run.ToString());

        var copy = Directory.CreateDirectory(scratch.Sub("copy")).FullName;
        File.Copy(backup, Path.Combine(copy, "vault.db"));
        using var opened = LocalVault.Open(copy);
        Assert.Equal("Boiler", opened.Get("note", "n1")!.Text("title"));
    }
}
