using System.Text.Json;
using Realign.Core.Contract;
using Realign.Core.Rules;

namespace Realign.EndToEnd.Tests.Vault;

/// <summary><c>realign automation</c> and <c>realign watch --assist</c> in a local-first vault, as processes against a real server.</summary>
public sealed class CliAutomationTests
{
    [Fact]
    public async Task AFollowUpRule_CreatesATaskAtLevelTwo_IsRecorded_CanBeDisabled_AndABadRuleIsRefusedWholly()
    {
        await using var server = await HostedServer.StartAsync(Backend.Sqlite, LiveTenant.Options);
        using var tenant = await LiveTenant.CreateAsync(server, VaultMode.LocalFirst);
        var dir = await LocalFirstVaultAsync(server, tenant);

        var added = await Ok(Cli.RunAsync("automation", "add", "Follow up", "--id", "follow", "--on", "created", "--type", "note", "--create-task", "Follow up: {title}", "--due-in-days", "1", "--vault", dir));
        Assert.Contains("automation:rule-follow", added, StringComparison.Ordinal);
        var bad = await Cli.RunAsync("automation", "add", "Broken", "--on", "schedule", "--create-task", "x", "--vault", dir);
        Assert.StartsWith("error: a schedule needs --cron", Assert.Single(bad.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        var badCron = await Cli.RunAsync("automation", "add", "Broken", "--on", "schedule", "--cron", "every day", "--create-task", "x", "--vault", dir);
        Assert.Contains("cron", Assert.Single(badCron.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        using (var list = JsonDocument.Parse(await Ok(Cli.RunAsync("automation", "list", "--json", "--vault", dir))))
        {
            var rule = Assert.Single(list.RootElement.EnumerateArray());
            Assert.Equal(("follow", true), (rule.GetProperty("id").GetString(), rule.GetProperty("yours").GetBoolean()));
        }

        await Ok(Cli.RunAsync("note", "add", "Roof", "--body", "Quote due", "--vault", dir));
        using (var run = JsonDocument.Parse(await Ok(Cli.RunAsync("automation", "run", "--json", "--vault", dir))))
        {
            var only = Assert.Single(run.RootElement.GetProperty("runs").EnumerateArray());
            Assert.Equal(("follow", "ok"), (only.GetProperty("rule").GetString(), only.GetProperty("outcome").GetString()));
        }

        using (var tasks = JsonDocument.Parse(await Ok(Cli.RunAsync("task", "list", "--json", "--vault", dir))))
        {
            var task = Assert.Single(tasks.RootElement.EnumerateArray());
            Assert.Equal(("Follow up: Roof", 2), (task.GetProperty("title").GetString(), task.GetProperty("level").GetInt32()));
        }

        using (var shown = JsonDocument.Parse(await Ok(Cli.RunAsync("automation", "show", "follow", "--json", "--vault", dir))))
        {
            Assert.Equal("ok", shown.RootElement.GetProperty("last_outcome").GetString());
        }

        await Ok(Cli.RunAsync("sync", "--vault", dir));
        await Ok(Cli.RunAsync("automation", "disable", "follow", "--vault", dir));
        await Ok(Cli.RunAsync("note", "add", "Gutter", "--vault", dir));
        using (var idle = JsonDocument.Parse(await Ok(Cli.RunAsync("automation", "run", "--json", "--vault", dir))))
        {
            Assert.Empty(idle.RootElement.GetProperty("runs").EnumerateArray());
        }
    }

    [Fact]
    public async Task WatchWithAssist_TurnsTheCheckboxesOfANewFileIntoSuggestedTasks()
    {
        await using var server = await HostedServer.StartAsync(Backend.Sqlite, LiveTenant.Options);
        using var tenant = await LiveTenant.CreateAsync(server, VaultMode.LocalFirst);
        var dir = await LocalFirstVaultAsync(server, tenant);
        var folder = server.Folder.Sub("notes");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "weekend.md"), "# Weekend\n\nThe fence needs work before winter.\n\n- [ ] buy paint\n- [ ] call Sam about the ladder\n");

        var watch = await Ok(Cli.RunAsync("watch", folder, "--once", "--assist", "--assist-jobs", "tasks,summarise", "--vault", dir));
        Assert.Contains("assistant (ai-local:builtin)", watch, StringComparison.Ordinal);

        using var inbox = JsonDocument.Parse(await Ok(Cli.RunAsync("suggestions", "--json", "--vault", dir)));
        var titles = inbox.RootElement.EnumerateArray().Where(s => s.GetProperty("kind").GetString() == "entity")
            .Select(s => s.GetProperty("proposed").GetProperty("title").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["buy paint", "call Sam about the ladder"], titles);
        var again = await Ok(Cli.RunAsync("watch", folder, "--once", "--assist", "--vault", dir));
        Assert.DoesNotContain("assistant (", again, StringComparison.Ordinal);
    }

    private static async Task<string> LocalFirstVaultAsync(HostedServer server, LiveTenant tenant)
    {
        var dir = server.Folder.Sub("vault");
        var pass = server.Folder.Sub("pass.txt");
        await File.WriteAllTextAsync(pass, "automation test passphrase\n");
        await Ok(Cli.RunAsync("vault", "init", dir, "--server", server.Url, "--token", await tenant.TokenAsync(PrincipalKind.UserDevice, "desktop", true), "--passphrase-file", pass));
        return dir;
    }

    private static async Task<string> Ok(Task<CliRun> running)
    {
        var run = await running;
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.Stdout;
    }
}
