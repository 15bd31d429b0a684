using Realign.Assist.Embeddings;
using Realign.Assist.Jobs;
using Realign.Assist.Providers;
using Realign.Core.Contract;
using Realign.Core.Truth;

namespace Realign.Assist.Tests.Embeddings;

/// <summary>The embed job: provenance of each embedding, its staleness digest, and what each exposure lets leave.</summary>
public sealed class EmbeddingJobTests
{
    private const string Secret = "dana@example.org";

    private static AssistSource Note(string id, string title, string body, long version = 3) =>
        new("note", id, version, new Dictionary<string, string> { ["title"] = AiUsage.Json(title), ["body"] = AiUsage.Json(body) });

    private static Assistant Remote(ModelLoopbackServer server, ProviderKind kind, ProviderPlacement placement, Exposure exposure) =>
        new(ProviderCheck.Validate(new ProviderOptions("proxy", kind, placement, kind == ProviderKind.Ollama ? server.Root : server.Endpoint, "embed-1")), exposure);

    [Fact]
    public async Task BuiltinEmbedding_NamesSourceVersionModelAndSpans_AtLevelThree_OneUsageRecordForTheRun()
    {
        using var assistant = new Assistant(ProviderCheck.Validate(ProviderNames.Builtin), Exposure.Full);
        var body = string.Join("\n\n", Enumerable.Range(1, 30).Select(i => $"Paragraph {i} of the long note about the boiler, the plumber and the radiators in every room."));

        var result = await assistant.EmbedAsync([Note("n-1", "Boiler", body, 7), Note("n-2", "Short", "One line.")]);

        Assert.True(result.Succeeded, result.Usage.Error);
        Assert.Equal(TruthLevel.AiLocal, result.Usage.Level);
        Assert.Equal(AssistJob.Embed, result.Usage.Job);
        Assert.Equal(2, result.Usage.Items);
        Assert.Equal(MiniLmEmbeddingGenerator.ModelId, result.Usage.Model);
        var derived = result.Outputs.Cast<DerivedEntity>().ToList();
        Assert.Equal(2, derived.Count);
        var record = EmbeddingRecord.TryRead(derived[0].Fields.ToDictionary(f => f.Key, f => f.Value))!;
        Assert.Equal(("note", "n-1", 7L, MiniLmEmbeddingGenerator.ModelId), (record.SourceType, record.SourceId, record.SourceVersion, record.Model));
        Assert.Equal(EmbeddingRecord.IdFor("note", "n-1", MiniLmEmbeddingGenerator.ModelId), derived[0].EntityId);
        Assert.Equal(MiniLmEmbeddingGenerator.Dimensions, record.Dimensions);
        Assert.True(record.Chunks.Count > 1, "a long note is cut into pieces");
        Assert.All(record.Chunks, c => Assert.InRange(c.Length, 1, TextChunker.MaxChars));
        Assert.Equal(body.Length, record.Chunks[^1].Start + record.Chunks[^1].Length);
        Assert.Equal(assistant.ExpectedDigest(Note("n-1", "Boiler", body, 8))!.Value.Digest, record.Digest);
        Assert.NotEqual(assistant.ExpectedDigest(Note("n-1", "Boiler", body + " More.", 8))!.Value.Digest, record.Digest);
    }

    [Fact]
    public async Task SameNote_SameVectorsEveryRun()
    {
        using var assistant = new Assistant(ProviderCheck.Validate(ProviderNames.Builtin), Exposure.Full);
        var note = Note("n-1", "Boiler", "The boiler knocks every morning.");

        var first = (DerivedEntity)(await assistant.EmbedAsync([note])).Outputs[0];
        var again = (DerivedEntity)(await assistant.RunAsync(AssistJob.Embed, note)).Outputs[0];

        Assert.Equal(first.Fields, again.Fields);
    }

    [Fact]
    public async Task ANoteEmptiedOfText_RemovesItsEmbedding_AndASealedNoteIsNotRead()
    {
        using var assistant = new Assistant(ProviderCheck.Validate(ProviderNames.Builtin), Exposure.Full);
        var sealedNote = new AssistSource("note", "n-3", 1, new Dictionary<string, string> { ["body"] = "\"rl1:AAAA\"" });

        var result = await assistant.EmbedAsync([Note("n-1", "", "  "), sealedNote]);

        var removal = Assert.IsType<DerivedRemoval>(Assert.Single(result.Outputs));
        Assert.Equal(EmbeddingRecord.IdFor("note", "n-1", MiniLmEmbeddingGenerator.ModelId), removal.EntityId);
        Assert.Equal(AssistOutcome.Encrypted, (await assistant.EmbedAsync([sealedNote])).Usage.Outcome);
    }

    [Theory]
    [InlineData(ProviderKind.OpenAi)]
    [InlineData(ProviderKind.Ollama)]
    public async Task ALevelAtVectors_IsSentNoText_NotForAnEmbeddingNorForAnyOtherJob(ProviderKind kind)
    {
        await using var server = await ModelLoopbackServer.StartAsync();
        using var assistant = Remote(server, kind, ProviderPlacement.Cloud, Exposure.Vectors);
        var note = Note("n-1", "Boiler", $"Write to {Secret} about the boiler.");

        var embed = await assistant.EmbedAsync([note]);
        var others = new List<AssistResult>();
        foreach (var job in AssistJobs.All.Where(j => j != AssistJob.Embed))
        {
            others.Add(await assistant.RunAsync(job, note, "what is it about?"));
        }

        Assert.Empty(server.Requests);
        Assert.All(others.Append(embed), r => Assert.Equal(AssistOutcome.NotExposed, r.Usage.Outcome));
        Assert.All(others.Append(embed), r => Assert.Equal("vectors", r.Usage.Exposure));
        Assert.Contains("embeddings only", embed.Usage.Error, StringComparison.Ordinal);
        Assert.Null(await assistant.EmbedQueryAsync("boiler"));
    }

    [Theory]
    [InlineData(ProviderKind.OpenAi)]
    [InlineData(ProviderKind.Ollama)]
    public async Task ARemoteModel_EmbedsThroughItsProtocol_AtItsLevel_AndARedactedLevelIsSentNoSecret(ProviderKind kind)
    {
        await using var server = await ModelLoopbackServer.StartAsync();
        using var assistant = Remote(server, kind, ProviderPlacement.Cloud, Exposure.Redacted);

        var result = await assistant.EmbedAsync([Note("n-1", "Boiler", $"Write to {Secret} about the boiler.")]);

        Assert.True(result.Succeeded, result.Usage.Error);
        Assert.Equal(TruthLevel.AiCloud, result.Usage.Level);
        Assert.Equal("ai-cloud:proxy-embed-1", result.Usage.Origin);
        var sent = Assert.Single(server.Requests);
        Assert.DoesNotContain(Secret, sent, StringComparison.Ordinal);
        Assert.Contains("[EMAIL_1]", sent, StringComparison.Ordinal);
        var record = EmbeddingRecord.TryRead(((DerivedEntity)result.Outputs[0]).Fields.ToDictionary(f => f.Key, f => f.Value))!;
        Assert.Equal(ModelLoopbackServer.Vector("Boiler\nWrite to [EMAIL_1] about the boiler."), record.Chunks[0].Vector);
        Assert.Equal(1, result.Usage.Redactions);
    }

    [Fact]
    public async Task AFailingModel_IsTheRunsOutcome_AndLeavesNoOutputs()
    {
        await using var server = await ModelLoopbackServer.StartAsync();
        server.EmbeddingAnswer = _ => ModelAnswer.Error(500);
        using var assistant = Remote(server, ProviderKind.OpenAi, ProviderPlacement.Lan, Exposure.Full);

        var result = await assistant.EmbedAsync([Note("n-1", "Boiler", "The boiler knocks.")]);

        Assert.Equal(AssistOutcome.ProviderError, result.Usage.Outcome);
        Assert.Empty(result.Outputs);
    }
}
