namespace Realign.EndToEnd.Tests.Vault;

public sealed class CliSmokeTests
{
    [Fact]
    public async Task RealignServeThenVaultCommands_AsProcesses_WorkAndErrorsAreOneLine()
    {
        using var scratch = new TempDir();
        await using var serve = await ServeProcess.StartAsync(scratch.Sub("data"));
        var (url, owner) = (serve.Url, serve.Owner);
        var vault = scratch.Sub("vault");
        var pass = scratch.Sub("pass.txt");
        await File.WriteAllTextAsync(pass, "smoke test passphrase\n");

        await Ok(Cli.RunAsync("vault", "init", vault, "--server", url, "--token", owner, "--passphrase-file", pass), "vault created");
        await Ok(Cli.RunAsync("note", "add", "Trip", "--body", "Pack #bags", "--tags", "travel", "--vault", vault), "note added");
        await Ok(Cli.RunAsync("sync", "--vault", vault), "synced: pushed 1");
        var status = await Ok(Cli.RunAsync("status", "--vault", vault), "local_first");
        Assert.Contains(url, status, StringComparison.Ordinal);
        Assert.Matches(@"outbox\s+0", status);
        await Ok(Cli.RunAsync("note", "list", "--vault", vault), "Trip");

        await OneLineError(Cli.RunAsync("frobnicate"));
        await OneLineError(Cli.RunAsync("status", "--vault", scratch.Sub("no-such-vault")), "no vault");
        await OneLineError(Cli.RunAsync("vault", "init", scratch.Sub("bad"), "--server", url, "--token", "rlt_" + new string('x', 43), "--passphrase-file", pass), "token");
        Assert.False(Directory.Exists(scratch.Sub("bad")));
        await File.WriteAllTextAsync(Path.Combine(vault, "token"), "rlt_revoked\n");
        await OneLineError(Cli.RunAsync("sync", "--vault", vault), "token");
    }

    private static async Task<string> Ok(Task<CliRun> running, string expected)
    {
        var run = await running;
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(expected, run.Stdout, StringComparison.Ordinal);
        return run.Stdout;
    }

    private static async Task OneLineError(Task<CliRun> running, string? mentions = null)
    {
        var run = await running;
        Assert.True(run.ExitCode != 0, run.ToString());
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        if (mentions is not null)
        {
            Assert.Contains(mentions, line, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("   at ", run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }
}
