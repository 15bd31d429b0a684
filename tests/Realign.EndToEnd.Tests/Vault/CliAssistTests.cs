using System.Text.Json;
using Realign.Core.Contract;
using Realign.Core.Rules;
using Realign.Vault;

namespace Realign.EndToEnd.Tests.Vault;

/// <summary><c>realign assist</c>, <c>accept ENTITY</c> and <c>policy</c> as a person runs them, against a real server
/// and a real OpenAI-protocol model server on loopback.</summary>
public sealed class CliAssistTests
{
    private const string Body = "The boiler knocks every morning. Write to dana@example.org about the invoice.\n\n- [ ] Call the plumber due 2026-12-10\nTODO: order a spare valve\n";

    [Fact]
    public async Task BuiltinTasks_AreSuggestedEntities_PromotedWithAnEdit_AndTheUsageIsListed()
    {
        var (server, tenant, dir) = await LiveTenant.CliCloudVaultAsync();
        await using var _ = server;
        using var __ = tenant;
        var id = await NoteAsync(dir);

        using var run = JsonDocument.Parse(await Ok(Cli.RunAsync("assist", "run", id, "--job", "tasks", "--json", "--vault", dir)));
        var result = Assert.Single(run.RootElement.EnumerateArray());
        Assert.Equal(("ok", 3, "ai-local:builtin"), (result.GetProperty("outcome").GetString(), result.GetProperty("level").GetInt32(), result.GetProperty("origin").GetString()));
        Assert.Equal(2, result.GetProperty("outputs").GetArrayLength());

        using var inbox = JsonDocument.Parse(await Ok(Cli.RunAsync("suggestions", "--json", "--vault", dir)));
        var entities = inbox.RootElement.EnumerateArray().Where(s => s.GetProperty("kind").GetString() == "entity").ToList();
        Assert.Equal(2, entities.Count);
        var call = entities.Single(e => e.GetProperty("proposed").GetProperty("title").GetString()!.StartsWith("Call the plumber", StringComparison.Ordinal));
        var reference = call.GetProperty("id").GetString()!;
        Assert.StartsWith("task/", reference, StringComparison.Ordinal);

        Assert.Contains("promoted", await Ok(Cli.RunAsync("accept", reference, "--set", "title=Call the plumber on Monday", "--vault", dir)), StringComparison.Ordinal);
        Assert.Contains("discarded", await Ok(Cli.RunAsync("reject", entities.Single(e => e.GetProperty("id").GetString() != reference).GetProperty("id").GetString()!, "--vault", dir)), StringComparison.Ordinal);
        await Ok(Cli.RunAsync("sync", "--vault", dir));

        var promoted = await server.Store.GetEntityAsync(new Realign.Core.Merge.EntityKey(tenant.TenantId, "task", reference[5..]));
        Assert.Equal(1, promoted!.TruthLevel);
        Assert.Equal("Call the plumber on Monday", promoted.Payload!.Value.GetProperty("title").GetString());
        Assert.Contains(promoted.OriginChain!, p => p.Source == "ai-local:builtin");

        using var usage = JsonDocument.Parse(await Ok(Cli.RunAsync("assist", "usage", "--json", "--vault", dir)));
        var record = Assert.Single(usage.RootElement.EnumerateArray());
        Assert.Equal(("tasks", "builtin", "ok", id), (record.GetProperty("job").GetString(), record.GetProperty("provider").GetString(), record.GetProperty("outcome").GetString(), record.GetProperty("source_id").GetString()));
    }

    [Fact]
    public async Task ALanProvider_WritesAtLevelFour_ACloudOneSeesRedactedText_AndAMisdeclaredOneIsRefusedInOneLine()
    {
        await using var model = await ModelLoopbackServer.StartAsync();
        var (server, tenant, dir) = await LiveTenant.CliCloudVaultAsync();
        await using var _ = server;
        using var __ = tenant;
        var id = await NoteAsync(dir);

        var refused = await Cli.RunAsync("assist", "providers", "add", "desk", "--placement", "local", "--endpoint", "http://192.168.1.20:11434/v1", "--model", "llama3", "--vault", dir);
        Assert.NotEqual(0, refused.ExitCode);
        var line = Assert.Single(refused.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: provider 'desk'", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "assist.json")));

        await Ok(Cli.RunAsync("assist", "providers", "add", "gpu", "--placement", "lan", "--endpoint", model.Endpoint.ToString(), "--model", "llama3", "--vault", dir));
        await Ok(Cli.RunAsync("assist", "providers", "add", "proxy", "--placement", "cloud", "--endpoint", model.Endpoint.ToString(), "--model", "gpt", "--vault", dir));
        using var providers = JsonDocument.Parse(await Ok(Cli.RunAsync("assist", "providers", "--json", "--vault", dir)));
        Assert.Equal(["builtin:3", "gpu:4", "proxy:5"], providers.RootElement.EnumerateArray().Select(p => $"{p.GetProperty("name").GetString()}:{p.GetProperty("level").GetInt32()}"));

        model.Answer = _ => ModelAnswer.Text("The boiler knocks; the plumber is due.");
        using var lan = JsonDocument.Parse(await Ok(Cli.RunAsync("assist", "run", id, "--provider", "gpu", "--job", "draft", "--json", "--vault", dir)));
        Assert.Equal(("ok", 4, "ai-lan:llama3"), (lan.RootElement[0].GetProperty("outcome").GetString(), lan.RootElement[0].GetProperty("level").GetInt32(), lan.RootElement[0].GetProperty("origin").GetString()));
        Assert.Contains("dana@example.org", model.Requests[^1], StringComparison.Ordinal);

        await Ok(Cli.RunAsync("assist", "run", id, "--provider", "proxy", "--job", "summarise", "--vault", dir));
        Assert.DoesNotContain("dana@example.org", model.Requests[^1], StringComparison.Ordinal);
        await Ok(Cli.RunAsync("sync", "--vault", dir));
        var head = await server.Store.GetEntityAsync(new Realign.Core.Merge.EntityKey(tenant.TenantId, "note", id));
        Assert.Equal(1, head!.TruthLevel);
        var proposals = await server.Store.ListProposalsAsync(tenant.TenantId, "pending");
        Assert.Equal((4, "ai-lan:llama3", "body"), (Assert.Single(proposals).Level, proposals[0].Source, proposals[0].Field));

        model.Answer = _ => ModelAnswer.Error(500);
        var failed = await Cli.RunAsync("assist", "run", id, "--provider", "gpu", "--job", "tags", "--vault", dir);
        Assert.Equal(4, failed.ExitCode);
        Assert.StartsWith("error: tags note/", Assert.Single(failed.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PolicySet_ByTheOwner_ChangesWhatACloudModelReads_AndIsInTheSecurityLog()
    {
        await using var model = await ModelLoopbackServer.StartAsync();
        var (server, tenant, dir) = await LiveTenant.CliCloudVaultAsync();
        await using var _ = server;
        using var __ = tenant;
        var id = await NoteAsync(dir);
        await Ok(Cli.RunAsync("assist", "providers", "add", "proxy", "--placement", "cloud", "--endpoint", model.Endpoint.ToString(), "--model", "gpt", "--default", "--vault", dir));

        using var shown = JsonDocument.Parse(await Ok(Cli.RunAsync("policy", "show", "--json", "--vault", dir)));
        Assert.Equal("redacted", shown.RootElement.GetProperty("cloud").GetString());
        using var set = JsonDocument.Parse(await Ok(Cli.RunAsync("policy", "set", "--cloud", "none", "--json", "--vault", dir)));
        Assert.Equal("none", set.RootElement.GetProperty("cloud").GetString());

        var run = await Cli.RunAsync("assist", "run", id, "--vault", dir);
        Assert.Equal(4, run.ExitCode);
        Assert.Contains("not-exposed", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(model.Requests);
        var events = await server.Store.ListEventsAsync(Realign.Storage.EventLog.Security, tenant.TenantId, 0, 100);
        Assert.Contains(events, e => e.Kind == "exposure-changed");

        var bad = await Cli.RunAsync("policy", "set", "--lan", "open", "--vault", dir);
        Assert.Contains("not an exposure", Assert.Single(bad.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    private static async Task<string> NoteAsync(string dir)
    {
        await Ok(Cli.RunAsync("note", "add", "Boiler", "--body", Body, "--vault", dir));
        using var notes = JsonDocument.Parse(await Ok(Cli.RunAsync("note", "list", "--json", "--vault", dir)));
        return notes.RootElement[0].GetProperty("id").GetString()!;
    }

    private static async Task<string> Ok(Task<CliRun> running)
    {
        var run = await running;
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.Stdout;
    }
}
