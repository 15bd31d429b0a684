using System.Text.Json;
using Realign.Assist.Jobs;
using Realign.Assist.Providers;
using Realign.Core.Contract;
using Realign.Core.Truth;

namespace Realign.Assist.Tests.Jobs;

/// <summary>Jobs through the built-in assistant and through real model protocols on loopback: outputs, levels, usage records
/// and every way a call can fail.</summary>
public sealed class AssistantTests
{
    private const string Body = """
        The boiler in the cellar makes a knocking noise every morning. The plumber said the pressure valve is worn.
        Write to dana@example.org or call +44 20 7946 0958 about the invoice, card 4111 1111 1111 1111.

        - [ ] Call the plumber about the valve due 2026-12-10
        - [x] Check the pressure gauge
        TODO: order a spare valve
        """;

    private static AssistSource Note(string body = Body, string tags = """["home"]""") => new("note", "n1", 7, new Dictionary<string, string>
    {
        ["title"] = Json("Boiler noise"),
        ["body"] = Json(body),
        ["tags"] = tags,
    });

    private static string Json(string text) => JsonSerializer.Serialize(text);

    private static Assistant Builtin(Exposure exposure = Exposure.Full) => new(ProviderCheck.Validate(ProviderNames.Builtin), exposure);

    private static Assistant Model(ModelLoopbackServer server, ProviderPlacement placement, Exposure exposure, ProviderKind kind = ProviderKind.OpenAi, TimeSpan? timeout = null) =>
        new(ProviderCheck.Validate(new ProviderOptions("proxy", kind, placement, kind == ProviderKind.Ollama ? server.Root : server.Endpoint, "m1")), exposure,
            new AssistantOptions { Timeout = timeout ?? TimeSpan.FromSeconds(30) });

    private static string? Field(DerivedEntity entity, string name) =>
        entity.Fields.First(f => f.Key == name).Value is var v && v.StartsWith('"') ? JsonSerializer.Deserialize<string>(v) : entity.Fields.First(f => f.Key == name).Value;

    [Fact]
    public async Task BuiltinSummary_IsADerivedEntityOfTheNotesOwnSentences_NamingSourceAndVersion_AtLevelThree()
    {
        using var assistant = Builtin();
        var result = await assistant.RunAsync(AssistJob.Summarise, Note());

        Assert.True(result.Succeeded);
        var summary = Assert.IsType<DerivedEntity>(Assert.Single(result.Outputs));
        Assert.Equal("summary", summary.EntityType);
        Assert.Equal(DerivedIds.For("summary", "note", "n1"), summary.EntityId);
        var sentences = Realign.Assist.Builtin.ExtractiveSummary.Summarise("Boiler noise", Body);
        Assert.NotEmpty(sentences);
        Assert.All(sentences, s => Assert.Equal(s.Text, Body.Substring(s.Start, s.Length)));
        Assert.Equal(string.Join(" ", sentences.Select(s => s.Text.Trim())), Field(summary, "text"));
        Assert.Equal(("note", "n1", "7"), (Field(summary, "source_type"), Field(summary, "source_id"), Field(summary, "source_version")));
        Assert.Equal((TruthLevel.AiLocal, "ai-local:builtin", "full", AssistOutcome.Ok), (result.Usage.Level, result.Usage.Origin, result.Usage.Exposure, result.Usage.Outcome));
        Assert.Null(result.Usage.TokensIn);
    }

    [Fact]
    public async Task BuiltinTasks_AreSuggestedTasksWithStableIds_DueDatesAndDoneFlags()
    {
        using var assistant = Builtin();
        var first = await assistant.RunAsync(AssistJob.Tasks, Note());
        var again = await assistant.RunAsync(AssistJob.Tasks, Note());

        var tasks = first.Outputs.Cast<DerivedEntity>().ToList();
        Assert.Equal(tasks.Select(t => t.EntityId), again.Outputs.Cast<DerivedEntity>().Select(t => t.EntityId));
        Assert.All(tasks, t => Assert.Equal("task", t.EntityType));
        var call = Assert.Single(tasks, t => Field(t, "title")!.StartsWith("Call the plumber", StringComparison.Ordinal));
        Assert.Equal("2026-12-10", Field(call, "due"));
        Assert.Equal("false", Field(call, "done"));
        Assert.Equal("true", Field(Assert.Single(tasks, t => Field(t, "title") == "Check the pressure gauge"), "done"));
        Assert.Contains(tasks, t => Field(t, "title") == "order a spare valve");
    }

    [Fact]
    public async Task BuiltinTags_KeepTheUsersTagsFirst_AndSuggestNothingWhenNothingIsNew()
    {
        using var assistant = Builtin();
        var result = await assistant.RunAsync(AssistJob.Tags, Note());
        var suggestion = Assert.IsType<FieldSuggestion>(Assert.Single(result.Outputs));
        var tags = JsonSerializer.Deserialize<List<string>>(suggestion.Value)!;
        Assert.Equal("home", tags[0]);
        Assert.Contains("boiler", tags);

        var settled = await assistant.RunAsync(AssistJob.Tags, Note(tags: suggestion.Value));
        Assert.True(settled.Succeeded);
        Assert.Empty(settled.Outputs);
    }

    [Fact]
    public async Task BuiltinAtRedactedExposure_ReadsPlaceholders_AndGivesTheValuesBack()
    {
        using var assistant = Builtin(Exposure.Redacted);
        var result = await assistant.RunAsync(AssistJob.Ask, Note(), "who do I write to about the invoice?");
        var answer = Assert.IsType<DerivedEntity>(Assert.Single(result.Outputs));
        Assert.Contains("dana@example.org", Field(answer, "text"), StringComparison.Ordinal);
        Assert.True(result.Usage.Redactions >= 3);
    }

    [Fact]
    public async Task CloudSummary_RequestHoldsNoPrivateValue_StoredTextIsRestored_UsageMatchesTheEndpoint()
    {
        await using var server = await ModelLoopbackServer.StartAsync();
        using var assistant = Model(server, ProviderPlacement.Cloud, Exposure.Redacted);
        var result = await assistant.RunAsync(AssistJob.Summarise, Note());

        var sent = Assert.Single(server.Requests);
        foreach (var secret in new[] { "dana@example.org", "7946 0958", "4111 1111 1111 1111" })
        {
            Assert.DoesNotContain(secret, sent, StringComparison.Ordinal);
        }

        var summary = Assert.IsType<DerivedEntity>(Assert.Single(result.Outputs));
        Assert.Contains("dana@example.org", Field(summary, "text"), StringComparison.Ordinal);
        Assert.Equal((TruthLevel.AiCloud, "ai-cloud:proxy-m1", "redacted"), (result.Usage.Level, result.Usage.Origin, result.Usage.Exposure));
        Assert.Equal((ModelLoopbackServer.PromptTokens, ModelLoopbackServer.CompletionTokens), (result.Usage.TokensIn, result.Usage.TokensOut));
        Assert.Equal(3, result.Usage.Redactions);
    }

    [Fact]
    public async Task EveryCall_IsCountedInTheMetrics_ByLevelJobAndOutcome_WithTheTokensTheProviderReported()
    {
        await using var server = await ModelLoopbackServer.StartAsync();
        using var assistant = Model(server, ProviderPlacement.Lan, Exposure.Full);
        var mine = new AsyncLocal<bool>();
        var seen = new List<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == Realign.Assist.Telemetry.AssistMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            // Measurements are recorded on the caller's flow, so this test's own are told from other tests' by an AsyncLocal.
            if (mine.Value)
            {
                var copy = new Dictionary<string, object?>();
                foreach (var tag in tags)
                {
                    copy[tag.Key] = tag.Value;
                }

                lock (seen)
                {
                    seen.Add((instrument.Name, value, copy));
                }
            }
        });
        listener.Start();

        mine.Value = true;
        var result = await assistant.RunAsync(AssistJob.Summarise, Note());
        mine.Value = false;

        Assert.Equal(AssistOutcome.Ok, result.Usage.Outcome);
        var call = Assert.Single(seen, m => m.Instrument == "realign.ai.calls");
        Assert.Equal((1L, 4, "summarise", "ok"), (call.Value, (int)call.Tags["realign.level"]!, (string)call.Tags["realign.job"]!, (string)call.Tags["realign.outcome"]!));
        var tokens = seen.Where(m => m.Instrument == "realign.ai.tokens").ToDictionary(m => (string)m.Tags["realign.direction"]!, m => m.Value);
        Assert.Equal(new Dictionary<string, long> { ["input"] = ModelLoopbackServer.PromptTokens, ["output"] = ModelLoopbackServer.CompletionTokens }, tokens);
        Assert.All(seen, m => Assert.DoesNotContain(m.Tags.Values, v => v is string text && text.Contains("dana", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task NoExposure_CallsNothing_AndRecordsWhy()
    {
        await using var server = await ModelLoopbackServer.StartAsync();
        using var assistant = Model(server, ProviderPlacement.Cloud, Exposure.None);
        var result = await assistant.RunAsync(AssistJob.Summarise, Note());
        Assert.Equal(AssistOutcome.NotExposed, result.Usage.Outcome);
        Assert.Empty(result.Outputs);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task SealedSource_IsNeverSent()
    {
        await using var server = await ModelLoopbackServer.StartAsync();
        using var assistant = Model(server, ProviderPlacement.Lan, Exposure.Full);
        var sealedNote = Note() with { Fields = new Dictionary<string, string> { ["title"] = Json("rl1:AAAAsealed"), ["body"] = Json("rl1:BBBBsealed") } };
        var result = await assistant.RunAsync(AssistJob.Summarise, sealedNote);
        Assert.Equal(AssistOutcome.Encrypted, result.Usage.Outcome);
        Assert.Empty(server.Requests);
    }

    public static TheoryData<string, string> Failures => new()
    {
        { "500", AssistOutcome.ProviderError },
        { "503", AssistOutcome.ProviderError },
        { "silence", AssistOutcome.Timeout },
        { "prose", AssistOutcome.MalformedAnswer },
        { "empty", AssistOutcome.MalformedAnswer },
        { "wrong-json", AssistOutcome.MalformedAnswer },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task ProviderFailures_WriteNothing_AndLeaveAUsageRecordWithTheOutcome(string failure, string outcome)
    {
        await using var server = await ModelLoopbackServer.StartAsync();
        server.Answer = _ => failure switch
        {
            "500" => ModelAnswer.Error(500),
            "503" => ModelAnswer.Error(503),
            "silence" => ModelAnswer.Silence,
            "prose" => ModelAnswer.Text("Sure! Here are some tags: boiler, plumbing."),
            "empty" => ModelAnswer.Text("  "),
            _ => ModelAnswer.Text("""{"labels":["boiler"]}"""),
        };
        using var assistant = Model(server, ProviderPlacement.Lan, Exposure.Full, timeout: failure == "silence" ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromSeconds(30));
        var result = await assistant.RunAsync(AssistJob.Tags, Note());
        Assert.Equal(outcome, result.Usage.Outcome);
        Assert.NotNull(result.Usage.Error);
        Assert.Empty(result.Outputs);
        Assert.False(result.Succeeded);
        Assert.Equal(TruthLevel.AiLan, result.Usage.Level);
    }

    [Fact]
    public async Task JsonInFences_IsRead_AndModelTasksCarryTheirDueDates()
    {
        await using var server = await ModelLoopbackServer.StartAsync();
        server.Answer = body => body.Contains("tasks", StringComparison.Ordinal)
            ? ModelAnswer.Text("```json\n{\"tasks\":[{\"title\":\"Call the plumber\",\"due\":\"2026-12-10\",\"done\":false},{\"title\":\"Pay the invoice\",\"due\":null}]}\n```")
            : ModelAnswer.Text("{}");
        using var assistant = Model(server, ProviderPlacement.Lan, Exposure.Full, ProviderKind.Ollama);
        var result = await assistant.RunAsync(AssistJob.Tasks, Note());
        Assert.True(result.Succeeded, result.Usage.Error);
        var tasks = result.Outputs.Cast<DerivedEntity>().ToList();
        Assert.Equal(2, tasks.Count);
        Assert.Equal("2026-12-10", Field(tasks[0], "due"));
        Assert.DoesNotContain(tasks[1].Fields, f => f.Key == "due");
        Assert.Equal("ai-lan:m1", result.Usage.Origin);
    }

    [Fact]
    public async Task ModelDraft_IsASuggestionOnTheBody_AndAnAskWithoutAPromptIsRefused()
    {
        await using var server = await ModelLoopbackServer.StartAsync();
        server.Answer = _ => ModelAnswer.Text("The boiler knocks each morning because the pressure valve is worn.");
        using var assistant = Model(server, ProviderPlacement.Local, Exposure.Full);
        var draft = await assistant.RunAsync(AssistJob.Draft, Note());
        var suggestion = Assert.IsType<FieldSuggestion>(Assert.Single(draft.Outputs));
        Assert.Equal("body", suggestion.Field);
        Assert.Equal(TruthLevel.AiLocal, draft.Usage.Level);

        var ask = await assistant.RunAsync(AssistJob.Ask, Note(), "  ");
        Assert.Equal(AssistOutcome.InvalidRequest, ask.Usage.Outcome);
        Assert.Single(server.Requests);
    }
}
