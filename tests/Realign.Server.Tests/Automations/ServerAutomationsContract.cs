using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Realign.Core.Contract;
using Realign.Core.Rules;
using Realign.Core.Truth;
using Realign.Server.Automations;

namespace Realign.Server.Tests.Automations;

/// <summary>Automations run by the server for cloud-first tenants, over real HTTP on each backend.</summary>
public abstract class ServerAutomationsContract
{
    private const string FollowUp = """[{"do":"create_task","title":"Follow up: {title}"}]""";
    private const string OnNoteCreated = """{"on":"created","type":"note"}""";

    protected abstract RealignServerOptions? StoreOptions();

    private async Task<HostedServer?> StartAsync(TimeProvider? clock = null) =>
        StoreOptions() is { } options
            ? await HostedServer.StartAsync(options with
            {
                AutomationPollInterval = TimeSpan.FromMilliseconds(200),
                AutomationLease = TimeSpan.FromSeconds(10),
                Clock = clock ?? TimeProvider.System,
            })
            : null;

    [BackendFact]
    public async Task ANoteCreated_GetsAFollowUpTaskAtLevelTwo_VisibleToPull_AndTheRunIsRecordedOnTheRule()
    {
        if (await StartAsync() is not { } server) { return; }
        await using var running = server;
        var tenant = await AutomatedTenant.NewAsync(server);
        await tenant.RuleAsync("r1", OnNoteCreated, FollowUp);

        await tenant.NotesAsync("Call the roofer");

        var task = Assert.Single(await tenant.UntilAsync("task", 1));
        Assert.Equal("Follow up: Call the roofer", task.GetProperty("payload").GetProperty("title").GetString());
        Assert.Equal("call-the-roofer", task.GetProperty("payload").GetProperty("source_id").GetString());
        Assert.Equal(2, task.GetProperty("truth_level").GetInt32());
        Assert.Equal("automation:rule-r1", task.GetProperty("origin_source").GetString());
        var title = task.GetProperty("field_stamps").GetProperty("title");
        Assert.Equal((2, "automation:rule-r1"), (title.GetProperty("level").GetInt32(), title.GetProperty("source").GetString()));
        var rule = await tenant.UntilRuleAsync("r1", outcome => outcome == "ok");
        Assert.True(UtcMicros.TryParse(rule.GetProperty("payload").GetProperty("last_run_at").GetString(), out _));
        Assert.Equal(1, rule.GetProperty("field_stamps").GetProperty("trigger").GetProperty("level").GetInt32());

        var runner = (await server.Store.FindRunnerAsync(tenant.Id))!;
        var principal = Assert.Single(await server.Store.ListPrincipalsAsync(tenant.Id), p => p.PrincipalId == runner.PrincipalId);
        Assert.Equal((PrincipalKind.Automation, TenantAutomations.PrincipalLabel), (principal.Kind, principal.Label));
        Assert.Equal(tenant.Automations.Owner, runner.LeaseOwner);

        await tenant.NotesAsync("Order paint");
        var tasks = await tenant.UntilAsync("task", 2);
        Assert.Equal(["Follow up: Call the roofer", "Follow up: Order paint"], tasks.Select(t => t.GetProperty("payload").GetProperty("title").GetString()).Order(StringComparer.Ordinal));
        int Runs() => tenant.Automations.Passes.History.Where(p => p.TenantId == tenant.Id).Sum(p => p.Runs.Count(r => r.RuleId == "r1"));
        await Eventually.UntilAsync(() => Task.FromResult(Runs() >= 2), "two runs of r1 in the pass history");
        await tenant.FullRoundsAsync();
        Assert.Equal(2, Runs());
    }

    [BackendFact]
    public async Task AProtectedWrite_IsRefused_NothingOfTheRunIsWritten_AndTheRefusalIsInTheSecurityLog()
    {
        if (await StartAsync() is not { } server) { return; }
        await using var running = server;
        var tenant = await AutomatedTenant.NewAsync(server);
        await tenant.RuleAsync("r1", """{"on":"changed","type":"note"}""", """[{"do":"create_task","title":"t"},{"do":"set_field","field":"owner_id","value":"mallory"}]""");

        await tenant.NotesAsync("Mine");

        var rule = await tenant.UntilRuleAsync("r1", outcome => outcome.StartsWith("refused:", StringComparison.Ordinal));
        Assert.StartsWith("refused: 'owner_id' is a protected field", rule.GetProperty("payload").GetProperty("last_outcome").GetString(), StringComparison.Ordinal);
        Assert.Empty(await tenant.PullAsync("task"));
        var note = await tenant.HeadAsync("note", "mine");
        Assert.False(note.GetProperty("payload").TryGetProperty("owner_id", out _));
        Assert.Equal(1, note.GetProperty("version").GetInt64());
        var refusal = Assert.Single(await tenant.SecurityEventsAsync(), e => e.GetProperty("kind").GetString() == "refused-automation:protected-field");
        Assert.Equal("payload.owner_id", refusal.GetProperty("detail").GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.DoesNotContain("mallory", refusal.GetRawText(), StringComparison.Ordinal);
    }

    [BackendFact]
    public async Task ALocalFirstTenantsRules_AreNeverRunByTheServer()
    {
        if (await StartAsync() is not { } server) { return; }
        await using var running = server;
        var local = await AutomatedTenant.NewAsync(server, VaultMode.LocalFirst);
        var cloud = await AutomatedTenant.NewAsync(server);
        await local.RuleAsync("r1", OnNoteCreated, FollowUp);
        await local.NotesAsync("Private");
        await cloud.RuleAsync("r1", OnNoteCreated, FollowUp);
        await cloud.NotesAsync("Shared");

        await cloud.UntilAsync("task", 1);
        await local.FullRoundsAsync();

        Assert.Empty(await local.PullAsync("task"));
        Assert.False((await local.HeadAsync("automation", "r1")).GetProperty("payload").TryGetProperty("last_run_at", out _));
        Assert.Null(await server.Store.FindRunnerAsync(local.Id));
        Assert.DoesNotContain(local.Automations.Passes.History, p => p.TenantId == local.Id);
    }

    [BackendFact]
    public async Task AnHourlySchedule_RunsOnceWhenDueOnTheServersClock_AndAgainAtTheNextHour()
    {
        var start = DateTimeOffset.UtcNow;
        var clock = new FakeTimeProvider(start);
        if (await StartAsync(clock) is not { } server) { return; }
        await using var running = server;
        var tenant = await AutomatedTenant.NewAsync(server);
        await tenant.RuleAsync("daily", """{"on":"schedule","cron":"0 * * * *"}""", """[{"do":"create_note","title":"Plan for {date}","body":"What matters now?"}]""",
            at: UtcMicros.Format(UtcMicros.From(start)));
        await tenant.FullRoundsAsync();
        Assert.Empty(await tenant.PullAsync("note"));

        var hour = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, 0, 0, TimeSpan.Zero).AddHours(1);
        clock.SetUtcNow(hour.AddMinutes(1));
        var note = Assert.Single(await tenant.UntilAsync("note", 1));
        Assert.Equal("Plan for " + hour.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), note.GetProperty("payload").GetProperty("title").GetString());
        Assert.Equal(("automation:rule-daily", 2), (note.GetProperty("origin_source").GetString(), note.GetProperty("truth_level").GetInt32()));
        var ranAt = (await tenant.UntilRuleAsync("daily", outcome => outcome == "ok")).GetProperty("payload").GetProperty("last_run_at").GetString();
        Assert.Equal(UtcMicros.Format(UtcMicros.From(hour.AddMinutes(1))), ranAt);

        clock.Advance(TimeSpan.FromMinutes(30));
        await tenant.FullRoundsAsync();
        Assert.Single(await tenant.PullAsync("note"));
        Assert.Equal(ranAt, (await tenant.HeadAsync("automation", "daily")).GetProperty("payload").GetProperty("last_run_at").GetString());

        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(2, (await tenant.UntilAsync("note", 2)).Count);
    }

    [BackendFact]
    public async Task ALeaseHeldByAServerThatStoppedWithoutReleasingIt_IsTakenOverWhenItEnds()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        if (await StartAsync(clock) is not { } server) { return; }
        await using var running = server;
        var tenant = await AutomatedTenant.NewAsync(server);
        var now = UtcMicros.From(clock.GetUtcNow());
        Assert.NotNull(await server.Store.TakeRunnerLeaseAsync(tenant.Id, "a-server-that-crashed", now, now + 60_000_000));
        await tenant.RuleAsync("r1", OnNoteCreated, FollowUp);
        await tenant.NotesAsync("While it was down");

        await tenant.FullRoundsAsync();
        Assert.Empty(await tenant.PullAsync("task"));
        Assert.Equal("a-server-that-crashed", (await server.Store.FindRunnerAsync(tenant.Id))!.LeaseOwner);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("Follow up: While it was down", Assert.Single(await tenant.UntilAsync("task", 1)).GetProperty("payload").GetProperty("title").GetString());
        Assert.Equal(tenant.Automations.Owner, (await server.Store.FindRunnerAsync(tenant.Id))!.LeaseOwner);
    }

    [BackendFact]
    public async Task AnAssistAction_RunsTheBuiltinAssistant_WhoseOutputsCarryLevelThree()
    {
        if (await StartAsync() is not { } server) { return; }
        await using var running = server;
        var tenant = await AutomatedTenant.NewAsync(server);
        await tenant.RuleAsync("tasks", OnNoteCreated, """[{"do":"assist","job":"tasks"}]""");

        await tenant.PushAsync(Items.User("weekend", 1, """{"title":"Weekend","body":"- [ ] buy paint\n- [ ] call Sam"}"""));

        var tasks = await tenant.UntilAsync("task", 2);
        Assert.All(tasks, t => Assert.Equal((3, "ai-local:builtin"), (t.GetProperty("truth_level").GetInt32(), t.GetProperty("origin_source").GetString())));
        Assert.Equal(["buy paint", "call Sam"], tasks.Select(t => t.GetProperty("payload").GetProperty("title").GetString()).Order(StringComparer.Ordinal));
        var usage = Assert.Single(await tenant.UntilAsync("ai-usage", 1));
        Assert.Equal("full", usage.GetProperty("payload").GetProperty("exposure").GetString());
        Assert.Equal("ok", (await tenant.UntilRuleAsync("tasks", outcome => outcome == "ok")).GetProperty("payload").GetProperty("last_outcome").GetString());
    }

    [BackendFact]
    public async Task ARuleAMachineWrote_IsASuggestion_AndNeverRuns()
    {
        if (await StartAsync() is not { } server) { return; }
        await using var running = server;
        var tenant = await AutomatedTenant.NewAsync(server, principals: ["owner", "ai-cloud", "automation"]);
        var sneaky = Items.Item("sneaky", 5, "ai-cloud:llm", 0, $$"""{"name":"mine now","trigger":{{OnNoteCreated}},"actions":[{"do":"create_task","title":"Sneaky: {title}"}]}""", type: "automation");
        Assert.Equal(200, (await server.Api.PushAsync(tenant.Tenant.Tokens["ai-cloud"], Items.Batch(sneaky))).Status);
        var robot = Items.Item("robot", 2, "automation:robot", 0, $$"""{"name":"robot","trigger":{{OnNoteCreated}},"actions":[{"do":"create_task","title":"Robot: {title}"}]}""", type: "automation");
        Assert.Equal(200, (await server.Api.PushAsync(tenant.Tenant.Tokens["automation"], Items.Batch(robot))).Status);
        await tenant.RuleAsync("r1", OnNoteCreated, FollowUp);

        await tenant.NotesAsync("Groceries");

        Assert.Equal("Follow up: Groceries", Assert.Single(await tenant.UntilAsync("task", 1)).GetProperty("payload").GetProperty("title").GetString());
        await tenant.FullRoundsAsync();
        Assert.Single(await tenant.PullAsync("task"));
        Assert.False((await tenant.HeadAsync("automation", "sneaky")).GetProperty("payload").TryGetProperty("last_run_at", out _));
        Assert.False((await tenant.HeadAsync("automation", "robot")).GetProperty("payload").TryGetProperty("last_run_at", out _));
    }

    [BackendFact]
    public async Task TheOptionOff_RunsNoAutomations()
    {
        if (StoreOptions() is not { } options) { return; }
        await using var server = await HostedServer.StartAsync(options with { Automations = false });
        Assert.Null(server.Host.Services.GetService(typeof(AutomationService)));
    }
}
