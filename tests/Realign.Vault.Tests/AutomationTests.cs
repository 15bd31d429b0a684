using Microsoft.Extensions.Time.Testing;
using Realign.Assist.Automations;
using Realign.Assist.Jobs;
using Realign.Assist.Providers;
using Realign.Core.Contract;
using Realign.Core.Truth;
using Realign.Vault.Assist;

namespace Realign.Vault.Tests;

/// <summary>Automations in a vault, end to end: trigger, actions, the level-2 stamp, refusals, loop bounds and schedules.</summary>
public sealed class AutomationTests
{
    private static void Rule(LocalVault vault, string id, string trigger, string actions, string name = "rule") =>
        vault.Put(AutomationRule.EntityType, id, $$"""{"name":"{{name}}","trigger":{{trigger}},"actions":{{actions}}}""");

    private static VaultAutomations Automations(LocalVault vault, TimeProvider? time = null) => new(vault, new AutomationOptions
    {
        Time = time ?? TimeProvider.System,
        Assistants = (_, _) => Task.FromResult(new Assistant(ProviderCheck.Validate(ProviderNames.Builtin), Exposure.Full)),
    });

    [Fact]
    public async Task ANoteCreatedWithATag_GetsAFollowUpTaskAndATag_AtLevelTwo_AndTheRunIsRecorded()
    {
        using var rig = new Rig();
        var (a, ca, _) = rig.NewVault("a");
        Rule(a, "r1", """{"on":"created","type":"note","tag":"inbox"}""", """[{"do":"create_task","title":"Follow up: {title}","due_in_days":2},{"do":"add_tag","tag":"triaged"}]""");
        var automations = Automations(a);
        automations.StartCursor();
        a.Put("note", "n1", """{"title":"Quote from the roofer","tags":["inbox"]}""");
        a.Put("note", "n2", """{"title":"Not for the inbox"}""");

        var pass = await automations.RunPassAsync();

        var run = Assert.Single(pass.Runs);
        Assert.Equal(("r1", "n1", "ok"), (run.RuleId, run.EntityId, run.Outcome));
        var task = Assert.Single(a.List("task"));
        Assert.Equal("Follow up: Quote from the roofer", task.Text("title"));
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), task.Text("due"));
        Assert.Equal((TruthLevel.Automation, "automation:rule-r1"), (task.State.TruthLevel, task.State.FindField("title")!.Effective!.Value.Stamp.Origin));
        Assert.Equal("n1", task.Text("source_id"));
        var tags = Assert.Single(a.Suggestions());
        Assert.Equal(("tags", """["inbox","triaged"]""", TruthLevel.Automation), (tags.Field, tags.ProposedJson, tags.Level));
        Assert.Equal("""["inbox"]""", a.Get("note", "n1")!.Payload["tags"]);
        var rule = a.Get(AutomationRule.EntityType, "r1")!;
        Assert.Equal("ok", rule.Text("last_outcome"));
        Assert.NotNull(rule.Text("last_run_at"));
        Assert.Equal(TruthLevel.User, rule.State.FindField("trigger")!.Effective!.Value.Stamp.Level);

        Assert.Empty((await automations.RunPassAsync()).Runs);
        await ca.SyncAsync();
        Assert.Equal(TruthLevel.Automation, rig.Server.Entity("task", task.EntityId)!.TruthLevel);
        Rig.AssertMatchesServer(a, rig.Server);
    }

    [Fact]
    public async Task AProtectedWrite_IsRefused_NothingOfTheRunIsWritten_AndTheOutcomeSaysWhy()
    {
        using var rig = new Rig();
        var (a, _, _) = rig.NewVault("a");
        Rule(a, "r1", """{"on":"changed","type":"note"}""", """[{"do":"create_task","title":"t"},{"do":"set_field","field":"owner_id","value":"mallory"}]""");
        var automations = Automations(a);
        automations.StartCursor();
        a.Put("note", "n1", """{"title":"mine"}""");

        var run = Assert.Single((await automations.RunPassAsync()).Runs);

        Assert.StartsWith("refused: 'owner_id' is a protected field", run.Outcome, StringComparison.Ordinal);
        Assert.Empty(a.List("task"));
        Assert.False(a.Get("note", "n1")!.Payload.ContainsKey("owner_id"));
        Assert.StartsWith("refused:", a.Get(AutomationRule.EntityType, "r1")!.Text("last_outcome"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeletingAUserNote_IsADeleteSuggestion()
    {
        using var rig = new Rig();
        var (a, _, _) = rig.NewVault("a");
        Rule(a, "tidy", """{"on":"changed","type":"note","field":"status","equals":"done"}""", """[{"do":"delete"}]""");
        var automations = Automations(a);
        automations.StartCursor();
        a.Put("note", "n1", """{"title":"old","status":"done"}""");
        await automations.RunPassAsync();
        Assert.False(a.Get("note", "n1")!.IsDeleted);
        var suggestion = Assert.Single(a.Suggestions());
        Assert.Equal(("_deleted", "automation:rule-tidy"), (suggestion.Field, suggestion.Source));
    }

    [Fact]
    public async Task TwoRulesFeedingEachOther_StopAtTheDepthLimit_AndNeverRunAgainOnTheirOwnWrites()
    {
        using var rig = new Rig();
        var (a, _, _) = rig.NewVault("a");
        Rule(a, "ping", """{"on":"changed","type":"note"}""", """[{"do":"create_note","title":"ping of {title}"}]""");
        Rule(a, "pong", """{"on":"changed","type":"note"}""", """[{"do":"create_note","title":"pong of {title}"}]""");
        var automations = Automations(a);
        automations.StartCursor();
        a.Put("note", "n1", """{"title":"start"}""");

        var pass = await automations.RunPassAsync();

        Assert.True(pass.Suppressed > 0);
        Assert.All(pass.Runs, r => Assert.True(r.Depth < 3));
        Assert.Equal(pass.Runs.Count, a.List("note").Count - 1);
        Assert.Contains(a.List("note"), n => n.Text("title") == "pong of ping of start");
        var again = await automations.RunPassAsync();
        Assert.Empty(again.Runs);
        Assert.Equal(0, again.Suppressed);
    }

    [Fact]
    public async Task ARuleTriggeredOnCreate_DoesNotRunWhenAnOlderNoteIsEdited()
    {
        using var rig = new Rig();
        var (a, _, _) = rig.NewVault("a");
        a.Put("note", "old", """{"title":"before the rule"}""");
        Rule(a, "r1", """{"on":"created","type":"note"}""", """[{"do":"create_task","title":"new note: {title}"}]""");
        var automations = Automations(a);
        automations.StartCursor();
        a.Put("note", "old", """{"title":"edited"}""");
        a.Put("note", "fresh", """{"title":"brand new"}""");
        var run = Assert.Single((await automations.RunPassAsync()).Runs);
        Assert.Equal("fresh", run.EntityId);
    }

    [Fact]
    public async Task ADailySchedule_RunsOnceWhenDue_MissedDaysAreOneRun_AndTwoRunsOfOneOccurrenceMeetInOneNote()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero));
        using var rig = new Rig();
        var (a, _, _) = rig.NewVault("a", time: time);
        Rule(a, "daily", """{"on":"schedule","cron":"0 8 * * *"}""", """[{"do":"create_note","title":"Plan for {date}","body":"What matters today?"}]""");
        var automations = Automations(a, time);

        time.Advance(TimeSpan.FromMinutes(30));
        Assert.Empty((await automations.RunPassAsync()).Runs);
        time.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal("ok", Assert.Single((await automations.RunPassAsync()).Runs).Outcome);
        Assert.Equal("Plan for 2026-12-01", Assert.Single(a.List("note")).Text("title"));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty((await automations.RunPassAsync()).Runs);

        time.Advance(TimeSpan.FromDays(3));
        Assert.Single((await automations.RunPassAsync()).Runs);
        Assert.Equal(2, a.List("note").Count);
        Assert.Equal(TruthLevel.Automation, a.List("note")[0].State.TruthLevel);
    }

    [Fact]
    public async Task AnAssistAction_RunsTheBuiltinAssistant_WhoseOutputsCarryItsOwnLevel()
    {
        using var rig = new Rig();
        var (a, _, _) = rig.NewVault("a");
        Rule(a, "sum", """{"on":"created","type":"note"}""", """[{"do":"assist","job":"tasks"}]""");
        var automations = Automations(a);
        automations.StartCursor();
        a.Put("note", "n1", """{"title":"Weekend","body":"- [ ] buy paint\n- [ ] call Sam"}""");
        var run = Assert.Single((await automations.RunPassAsync()).Runs);
        Assert.Equal("ok", run.Outcome);
        Assert.Equal(2, a.List("task").Count);
        Assert.All(a.List("task"), t => Assert.Equal(TruthLevel.AiLocal, t.State.TruthLevel));
        Assert.Single(a.List(AiUsage.EntityType));
    }

    [Fact]
    public async Task ARuleWrittenByAMachine_NeverRuns_UntilAPersonWritesIt()
    {
        using var rig = new Rig();
        var (a, _, _) = rig.NewVault("a");
        a.PutAs(OriginSource.Parse("ai-cloud:llm"), AutomationRule.EntityType, "sneaky",
            [new("name", "\"sneaky\""), new("trigger", """{"on":"changed","type":"note"}"""), new("actions", """[{"do":"set_field","field":"status","value":"pwned"}]""")]);
        var automations = Automations(a);
        automations.StartCursor();
        a.Put("note", "n1", """{"title":"mine"}""");
        Assert.Empty((await automations.RunPassAsync()).Runs);
        Assert.False(a.Get("note", "n1")!.Payload.ContainsKey("status"));

        a.Promote(AutomationRule.EntityType, "sneaky");
        a.Put("note", "n1", """{"title":"mine, edited"}""");
        Assert.Single((await automations.RunPassAsync()).Runs);
    }

    [Theory]
    [InlineData("""{"on":"sometimes"}""", """[{"do":"delete"}]""", "trigger.on")]
    [InlineData("""{"on":"schedule","cron":"every day"}""", """[{"do":"create_task","title":"x"}]""", "cron")]
    [InlineData("""{"on":"schedule","cron":"0 8 * * *"}""", """[{"do":"delete"}]""", "no entity")]
    [InlineData("""{"on":"created"}""", """[{"do":"explode"}]""", "explode")]
    [InlineData("""{"on":"created"}""", """[]""", "actions")]
    public async Task AnInvalidRule_IsReportedAndNeverRuns(string trigger, string actions, string mentions)
    {
        using var rig = new Rig();
        var (a, _, _) = rig.NewVault("a");
        Rule(a, "bad", trigger, actions);
        var automations = Automations(a);
        automations.StartCursor();
        a.Put("note", "n1", """{"title":"x"}""");
        var pass = await automations.RunPassAsync();
        Assert.Empty(pass.Runs);
        Assert.Contains(mentions, Assert.Single(pass.InvalidRules).Error, StringComparison.Ordinal);
    }
}
