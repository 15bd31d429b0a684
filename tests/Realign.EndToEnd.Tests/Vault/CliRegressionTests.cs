using System.Diagnostics;
using System.Text.Json;
using Realign.Core.Contract;
using Realign.Core.Rules;
using Realign.Core.Truth;
using Realign.Vault;

namespace Realign.EndToEnd.Tests.Vault;

/// <summary>The CLI defects found by black-box testing, each through the real <c>realign</c> process.</summary>
public sealed class CliRegressionTests
{
    private static readonly Dictionary<string, string?> NarrowPipe = new() { ["COLUMNS"] = null };

    [Fact]
    public async Task FirstStartLineBug_PrintedVaultInitLine_WorksAsPastedInATerminal()
    {
        using var scratch = new TempDir();
        var home = Directory.CreateDirectory(scratch.Sub("home")).FullName;
        await using var serve = await ServeProcess.StartAsync(scratch.Sub("data"), home);
        var lines = await serve.ReadOutputUntilAsync(l => l.Any(x => x.Contains(" vault init ", StringComparison.Ordinal)), TimeSpan.FromSeconds(30));
        var line = lines.Single(x => x.Contains(" vault init ", StringComparison.Ordinal)).Trim();
        Assert.Contains(serve.Owner, line, StringComparison.Ordinal);
        Assert.DoesNotContain("DIR", line, StringComparison.Ordinal);

        var piped = await Cli.RunWithAsync(null, new Dictionary<string, string?> { ["HOME"] = home }, "bash", "-c", line);
        Assert.NotEqual(0, piped.ExitCode);

        var info = new ProcessStartInfo("script", ["-qec", line, "/dev/null"]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["HOME"] = home;
        info.Environment["NO_COLOR"] = "1";
        using var pasted = Process.Start(info)!;
        var output = pasted.StandardOutput.ReadToEndAsync();
        await pasted.StandardInput.WriteAsync("first start words\nfirst start words\n");
        pasted.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await pasted.WaitForExitAsync(timeout.Token);
        Assert.True(pasted.ExitCode == 0, await output);
        Assert.Contains("vault created", await output, StringComparison.Ordinal);
        using var vault = LocalVault.Open(Path.Combine(home, "notes-vault"));
        Assert.True(vault.IsUnlocked);
        Assert.True(vault.HasKeyRecord);
    }

    [Fact]
    public async Task FirstStartLineBug_LocalFirstWithoutPassphraseOffATerminal_OneLineError()
    {
        await using var server = await HostedServer.StartAsync(Backend.Sqlite, LiveTenant.Options);
        using var tenant = await LiveTenant.CreateAsync(server, VaultMode.LocalFirst);
        using var scratch = new TempDir();
        var token = await tenant.TokenAsync(PrincipalKind.UserDevice, "desktop", true);
        var run = await Cli.RunAsync("vault", "init", scratch.Sub("v"), "--server", server.Url, "--token", token);
        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--passphrase-file", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(scratch.Sub("v")));
    }

    [Fact]
    public async Task NarrowPipeBug_ListsThroughAPipe_NeverWrapOrCutAndJsonHasTheDocumentedShape()
    {
        var (server, tenant, dir) = await LiveTenant.CliCloudVaultAsync();
        await using var _ = server;
        var title = "A rather long title for a note that goes on well past eighty columns of any terminal";
        await Ok(Cli.RunWithAsync(null, NarrowPipe, "note", "add", title, "--vault", dir));
        await Ok(Cli.RunWithAsync(null, NarrowPipe, "task", "add", "Call the bank about the mortgage renewal papers", "--due", "2026-12-24", "--vault", dir));

        var list = await Ok(Cli.RunWithAsync(null, NarrowPipe, "note", "list", "--vault", dir));
        var row = Assert.Single(list.Split('\n'), l => l.Contains("n-", StringComparison.Ordinal));
        Assert.Contains(title, row, StringComparison.Ordinal);

        using var notes = JsonDocument.Parse(await Ok(Cli.RunWithAsync(null, NarrowPipe, "note", "list", "--json", "--vault", dir)));
        var note = Assert.Single(notes.RootElement.EnumerateArray());
        Assert.Equal(title, note.GetProperty("title").GetString());
        Assert.Equal(1, note.GetProperty("level").GetInt32());
        var id = note.GetProperty("id").GetString()!;

        using var shown = JsonDocument.Parse(await Ok(Cli.RunWithAsync(null, NarrowPipe, "note", "show", id, "--json", "--vault", dir)));
        Assert.Equal(title, shown.RootElement.GetProperty("fields").GetProperty("title").GetProperty("value").GetString());
        Assert.Equal("user:desktop", shown.RootElement.GetProperty("fields").GetProperty("title").GetProperty("origin").GetString());

        using var tasks = JsonDocument.Parse(await Ok(Cli.RunWithAsync(null, NarrowPipe, "task", "list", "--json", "--vault", dir)));
        Assert.False(Assert.Single(tasks.RootElement.EnumerateArray()).GetProperty("done").GetBoolean());
        using var status = JsonDocument.Parse(await Ok(Cli.RunWithAsync(null, NarrowPipe, "status", "--json", "--vault", dir)));
        Assert.Equal(2, status.RootElement.GetProperty("outbox").GetInt32());
        using var log = JsonDocument.Parse(await Ok(Cli.RunWithAsync(null, NarrowPipe, "log", id, "--json", "--vault", dir)));
        Assert.Equal("user:desktop", log.RootElement.GetProperty("origin_chain")[0].GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(await Ok(Cli.RunWithAsync(null, NarrowPipe, "suggestions", "--json", "--vault", dir))).RootElement.ValueKind);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(await Ok(Cli.RunWithAsync(null, NarrowPipe, "conflicts", "--json", "--vault", dir))).RootElement.ValueKind);
    }

    [Fact]
    public async Task UnknownOptionBug_NoteListWithABogusFlag_OneLineErrorNamingIt()
    {
        var (server, tenant, dir) = await LiveTenant.CliCloudVaultAsync();
        await using var _ = server;
        var run = await Cli.RunAsync("note", "list", "--bogus-flag", "--vault", dir);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("bogus-flag", Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Equal("", run.Stdout.Trim());
    }

    [Fact]
    public async Task SyncProgressBug_FailedSync_OnlyOneErrorLineNothingOnStdout()
    {
        var (server, tenant, dir) = await LiveTenant.CliCloudVaultAsync();
        await using (server)
        {
            await Ok(Cli.RunAsync("note", "add", "x", "--vault", dir));
        }

        var run = await Cli.RunAsync("sync", "--vault", dir);
        Assert.NotEqual(0, run.ExitCode);
        Assert.StartsWith("error: ", Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task TitleAndBodyBug_DashTitleAndBodiesFromAFileAndStdin_AreWritten()
    {
        var (server, tenant, dir) = await LiveTenant.CliCloudVaultAsync();
        await using var _ = server;
        using var scratch = new TempDir();
        var big = new string('w', 200_000) + "\nend\n";
        var file = scratch.Sub("body.md");
        await File.WriteAllTextAsync(file, big);
        await Ok(Cli.RunAsync("note", "add", "--title", "-starts with a dash", "--body-file", file, "--id", "n1", "--vault", dir));
        await Ok(Cli.RunWithAsync("from standard input\n", new Dictionary<string, string?>(), "note", "add", "--id", "n2", "--body-file", "-", "--vault", dir, "--", "-another"));
        await Ok(Cli.RunWithAsync("edited on stdin\n", new Dictionary<string, string?>(), "note", "edit", "n1", "--body-file", "-", "--vault", dir));

        using var vault = LocalVault.Open(dir);
        Assert.Equal("-starts with a dash", vault.Get("note", "n1")!.Text("title"));
        Assert.Equal("edited on stdin\n", vault.Get("note", "n1")!.Text("body"));
        Assert.Equal("-another", vault.Get("note", "n2")!.Text("title"));
        Assert.Equal("from standard input\n", vault.Get("note", "n2")!.Text("body"));
        vault.Dispose();
        await Ok(Cli.RunAsync("note", "edit", "n1", "--body-file", file, "--vault", dir));
        using var again = LocalVault.Open(dir);
        Assert.Equal(big, again.Get("note", "n1")!.Text("body"));
    }

    [Fact]
    public async Task DeleteProposalBug_AiDeleteOfAUserNote_ShownAsAProposedDeletion()
    {
        var (server, tenant, dir) = await LiveTenant.CliCloudVaultAsync();
        await using var _ = server;
        await Ok(Cli.RunAsync("note", "add", "Keep me", "--id", "n1", "--vault", dir));
        await Ok(Cli.RunAsync("sync", "--vault", dir));
        var ai = await tenant.TokenAsync(PrincipalKind.AiCloud);
        await tenant.PushAsync(ai, new SyncItem { EntityType = "note", EntityId = "n1", TruthLevel = 5, OriginSource = "ai-cloud:llm", LastModifiedAt = UtcMicros.Format(UtcMicros.From(DateTimeOffset.UtcNow)), Deleted = true });
        await Ok(Cli.RunAsync("sync", "--vault", dir));

        var table = await Ok(Cli.RunAsync("suggestions", "--vault", dir));
        Assert.Contains("delete it", table, StringComparison.Ordinal);
        Assert.DoesNotContain("_deleted", table, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await Ok(Cli.RunAsync("suggestions", "--json", "--vault", dir)));
        var s = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("delete", s.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, s.GetProperty("field").ValueKind);
    }

    [Fact]
    public async Task ProvenanceTimeBug_AcceptThroughTheCli_LogKeepsTheAiWriteTime()
    {
        var (server, tenant, dir) = await LiveTenant.CliCloudVaultAsync();
        await using var _ = server;
        await Ok(Cli.RunAsync("note", "add", "Mine", "--id", "n1", "--vault", dir));
        await Ok(Cli.RunAsync("sync", "--vault", dir));
        var written = UtcMicros.From(DateTimeOffset.UtcNow);
        var ai = await tenant.TokenAsync(PrincipalKind.AiCloud);
        await tenant.PushAsync(ai, new SyncItem { EntityType = "note", EntityId = "n1", TruthLevel = 5, OriginSource = "ai-cloud:llm", LastModifiedAt = UtcMicros.Format(written + 1), Payload = JsonValues.Parse("""{"title":"Better"}""") });
        await Ok(Cli.RunAsync("sync", "--vault", dir));
        using var suggestions = JsonDocument.Parse(await Ok(Cli.RunAsync("suggestions", "--json", "--vault", dir)));
        var id = suggestions.RootElement[0].GetProperty("id").GetString()!;
        await Ok(Cli.RunAsync("accept", id, "--vault", dir));
        await Ok(Cli.RunAsync("sync", "--vault", dir));

        using var log = JsonDocument.Parse(await Ok(Cli.RunAsync("log", "n1", "--json", "--vault", dir)));
        var chain = log.RootElement.GetProperty("origin_chain").EnumerateArray().ToList();
        var aiEntry = Assert.Single(chain, e => e.GetProperty("source").GetString() == "ai-cloud:llm");
        Assert.Equal(UtcMicros.Format(written + 1), aiEntry.GetProperty("at").GetString());
        Assert.NotEqual(aiEntry.GetProperty("at").GetString(), chain[^1].GetProperty("at").GetString());
        var head = (await tenant.StateAsync("note", "n1"))!;
        Assert.Equal(written + 1, head.OriginChain.Single(e => e.Source == "ai-cloud:llm").AtMicros);
    }

    [Fact]
    public async Task MistypedFolderBug_WatchOnceOfATypo_ErrorNothingCreatedNothingDeleted()
    {
        var (server, tenant, dir) = await LiveTenant.CliCloudVaultAsync();
        await using var _ = server;
        using var scratch = new TempDir();
        var folder = Directory.CreateDirectory(scratch.Sub("notes")).FullName;
        for (var i = 0; i < 18; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, $"n{i}.md"), $"# Note {i}\n");
        }

        await Ok(Cli.RunAsync("watch", folder, "--once", "--vault", dir));
        var typo = await Cli.RunAsync("watch", folder + "-typo", "--once", "--vault", dir);
        Assert.Equal(1, typo.ExitCode);
        Assert.Contains("does not exist", typo.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder + "-typo"));
        Assert.DoesNotContain("deleted", typo.Stdout.Replace("0 deleted", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var pulled = await tenant.PullAllAsync(await tenant.TokenAsync(PrincipalKind.UserDevice, "web"));
        Assert.Equal(18, pulled.Count(h => h.EntityType == "note" && !h.Deleted));

        var emptied = Directory.CreateDirectory(scratch.Sub("emptied")).FullName;
        Directory.Move(folder, emptied + "/moved-away");
        Directory.CreateDirectory(folder);
        var held = await Cli.RunAsync("watch", folder, "--once", "--vault", dir);
        Assert.Equal(4, held.ExitCode);
        Assert.Contains("nothing was deleted", held.Stderr, StringComparison.Ordinal);
        pulled = await tenant.PullAllAsync(await tenant.TokenAsync(PrincipalKind.UserDevice, "web"));
        Assert.Equal(18, pulled.Count(h => h.EntityType == "note" && !h.Deleted));
    }

    [Fact]
    public async Task WatchExitBug_ChangeSetAside_WatchOnceExitsThreeAsSyncDoes()
    {
        var (server, tenant, dir) = await LiveTenant.CliCloudVaultAsync();
        await using var _ = server;
        using var scratch = new TempDir();
        var folder = Directory.CreateDirectory(scratch.Sub("notes")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "huge.md"), "# Huge\n" + new string('z', 400_000));
        var run = await Cli.RunAsync("watch", folder, "--once", "--vault", dir);
        Assert.True(run.ExitCode == 3, run.ToString());
    }

    /// <summary>A server, a cloud-first tenant of it (no vault opened through it) and a desktop vault of that tenant whose
    /// token is in a file, as <c>realign vault init</c> leaves it.</summary>
    private static async Task<string> Ok(Task<CliRun> running)
    {
        var run = await running;
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.Stdout;
    }
}
