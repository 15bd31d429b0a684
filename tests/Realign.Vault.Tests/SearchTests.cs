using Realign.Assist.Embeddings;
using Realign.Assist.Jobs;
using Realign.Assist.Providers;
using Realign.Core.Contract;
using Realign.Core.Truth;
using Realign.Vault.Search;

namespace Realign.Vault.Tests;

/// <summary>Search in the vault with the offline model: meaning and exact words both find the note; embeddings are derived
/// entities with provenance, recomputed when stale, dropped with their source; a local-first vault shares vectors, never
/// text, and only when the cloud's exposure allows.</summary>
public sealed class SearchTests
{
    private static readonly (string Id, string Title, string Body)[] Corpus =
    [
        ("boiler", "Boiler", "The boiler in the cellar knocks loudly every morning before the heating starts. Valve part ZX-4471 is worn."),
        ("tulips", "Garden", "Plant the tulip bulbs in the flower beds along the fence before the first frost."),
        ("tax", "Tax return", "Gather the receipts and payslips for the annual income tax declaration; the deadline is in May."),
        ("dentist", "Dentist", "Appointment with Dr. Okonkwo to fill the cavity in a molar; bring the insurance card."),
        ("bike", "Bicycle", "The rear tyre of the bicycle keeps going flat; patch the inner tube and pump it up."),
        ("flight", "Trip to Lisbon", "Book the flight and a hotel near the old town for the conference in October."),
        ("bread", "Sourdough", "Feed the starter the night before, then knead the dough and bake the loaf at high heat."),
        ("laptop", "Laptop", "The laptop battery drains within an hour; order a replacement battery from the vendor."),
    ];

    private static Assistant Builtin(Exposure exposure = Exposure.Full) => new(ProviderCheck.Validate(ProviderNames.Builtin), exposure);

    private static void Fill(LocalVault vault)
    {
        foreach (var (id, title, body) in Corpus)
        {
            vault.Put("note", id, $$"""{"title":{{LocalVault.JsonString(title)}},"body":{{LocalVault.JsonString(body)}}}""");
        }
    }

    [Theory]
    [InlineData("the heating makes a banging noise at dawn", "boiler")]
    [InlineData("when should spring flowers go into the ground", "tulips")]
    [InlineData("paperwork for the revenue office", "tax")]
    [InlineData("tooth ache and a filling", "dentist")]
    [InlineData("puncture on my bike", "bike")]
    [InlineData("travel plans for Portugal", "flight")]
    [InlineData("baking a loaf at home", "bread")]
    [InlineData("computer power runs out quickly", "laptop")]
    public async Task AParaphrase_FindsItsNoteFirst(string query, string expected)
    {
        using var rig = new Rig();
        var (vault, _, _) = rig.NewVault("a");
        Fill(vault);
        using var assistant = Builtin();

        var report = await new VaultSearch(vault).SearchAsync(query, 3, assistant);

        Assert.Null(report.KeywordsOnly);
        Assert.Equal(MiniLmEmbeddingGenerator.ModelId, report.Model);
        var first = report.Results[0];
        Assert.Equal(expected, first.Hit.SourceId);
        Assert.NotNull(first.Hit.Vector);
        Assert.Equal(EmbeddingRecord.IdFor("note", expected, MiniLmEmbeddingGenerator.ModelId), first.Hit.Vector!.Hit.EmbeddingId);
    }

    [Theory]
    [InlineData("ZX-4471", "boiler")]
    [InlineData("Okonkwo", "dentist")]
    [InlineData("payslips", "tax")]
    public async Task AnExactTerm_FindsItsNoteFirst_WithAndWithoutTheModel(string query, string expected)
    {
        using var rig = new Rig();
        var (vault, _, _) = rig.NewVault("a");
        Fill(vault);
        using var assistant = Builtin();
        var search = new VaultSearch(vault);

        var hybrid = await search.SearchAsync(query, 3, assistant);
        var keywords = await search.SearchAsync(query, 3, null);

        Assert.Equal(expected, hybrid.Results[0].Hit.SourceId);
        Assert.NotNull(hybrid.Results[0].Hit.KeywordRank);
        Assert.Equal(expected, Assert.Single(keywords.Results).Hit.SourceId);
        Assert.NotNull(keywords.KeywordsOnly);
    }

    [Fact]
    public async Task Embeddings_AreDerivedEntitiesAtLevelThree_NamingTheirSource_SyncedToTheServer()
    {
        using var rig = new Rig();
        var (vault, client, _) = rig.NewVault("a");
        Fill(vault);
        await client.SyncAsync();
        using var assistant = Builtin();

        var report = await new VaultSearch(vault).EmbedAsync(assistant);
        await client.SyncAsync();

        Assert.Equal((Corpus.Length, Corpus.Length, 0), (report.Checked, report.Embedded, report.Removed));
        var embedding = vault.Get(EmbeddingRecord.EntityType, EmbeddingRecord.IdFor("note", "boiler", MiniLmEmbeddingGenerator.ModelId))!;
        Assert.Equal(TruthLevel.AiLocal, embedding.State.TruthLevel);
        Assert.Equal("ai-local:builtin", embedding.State.OriginChain[^1].Source);
        var record = EmbeddingRecord.TryRead(embedding.Payload)!;
        Assert.Equal(("note", "boiler", vault.Get("note", "boiler")!.ServerVersion), (record.SourceType, record.SourceId, record.SourceVersion));
        Assert.False(Realign.Core.Rules.Resolutions.IsSuggestedEntity(embedding.State));
        Assert.NotNull(rig.Server.Entity(EmbeddingRecord.EntityType, embedding.EntityId));
        var usage = Assert.Single(vault.List(AiUsage.EntityType));
        Assert.Equal(("embed", Corpus.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)), (usage.Text("job"), usage.Payload["items"]));

        var again = await new VaultSearch(vault).EmbedAsync(assistant);
        Assert.Equal(0, again.Embedded);
    }

    [Fact]
    public async Task AnEditedNote_IsNotAnsweredByItsStaleVectors_ThenIsReembedded_AndADeletedNoteDropsItsEmbedding()
    {
        using var rig = new Rig();
        var (vault, client, _) = rig.NewVault("a");
        Fill(vault);
        using var assistant = Builtin();
        var search = new VaultSearch(vault);
        await search.EmbedAsync(assistant);
        var id = EmbeddingRecord.IdFor("note", "bike", MiniLmEmbeddingGenerator.ModelId);
        var before = EmbeddingRecord.TryRead(vault.Get(EmbeddingRecord.EntityType, id)!.Payload)!;

        vault.Put("note", "bike", """{"body":"Repot the orchids on the windowsill with fresh bark."}""");
        search.Refresh();
        Assert.Equal(1, search.PendingCount());
        Assert.Empty(search.Related("note", "bike", MiniLmEmbeddingGenerator.ModelId, 3));

        var report = await search.SearchAsync("orchids on the windowsill", 1, assistant);

        Assert.Equal(1, report.Embedded);
        Assert.Equal("bike", report.Results[0].Hit.SourceId);
        var after = EmbeddingRecord.TryRead(vault.Get(EmbeddingRecord.EntityType, id)!.Payload)!;
        Assert.NotEqual(before.Digest, after.Digest);
        Assert.NotEqual(before.Chunks[0].Vector, after.Chunks[0].Vector);

        vault.Delete("note", "bike");
        var removed = await search.EmbedAsync(assistant);
        await client.SyncAsync();

        Assert.Equal(1, removed.Removed);
        Assert.True(vault.Get(EmbeddingRecord.EntityType, id)!.IsDeleted);
        Assert.True(rig.Server.Entity(EmbeddingRecord.EntityType, id)!.IsDeleted);
        Assert.DoesNotContain((await search.SearchAsync("orchids", 5, assistant)).Results, r => r.Hit.SourceId == "bike");
    }

    [Fact]
    public async Task Related_GivesTheClosestNotesByMeaning_NotTheNoteItself()
    {
        using var rig = new Rig();
        var (vault, _, _) = rig.NewVault("a");
        Fill(vault);
        vault.Put("note", "radiator", """{"title":"Radiators","body":"The radiators stay cold although the boiler runs; bleed them and check the pump."}""");
        using var assistant = Builtin();
        var search = new VaultSearch(vault);
        await search.EmbedAsync(assistant);

        var related = search.Related("note", "radiator", MiniLmEmbeddingGenerator.ModelId, 3);

        Assert.Equal("boiler", related[0].Hit.SourceId);
        Assert.DoesNotContain(related, r => r.Hit.SourceId == "radiator");
    }

    [Fact]
    public async Task ALevelAtVectors_EmbedsNothing_AndSearchFallsBackToKeywords()
    {
        using var rig = new Rig();
        var (vault, _, _) = rig.NewVault("a");
        Fill(vault);
        using var assistant = Builtin(Exposure.Vectors);

        var report = await new VaultSearch(vault).SearchAsync("ZX-4471", 3, assistant);

        Assert.Equal("boiler", report.Results[0].Hit.SourceId);
        Assert.Contains("no text to embed", report.KeywordsOnly, StringComparison.Ordinal);
        Assert.Empty(vault.List(EmbeddingRecord.EntityType));
    }

    [Theory]
    [InlineData("none", false)]
    [InlineData("vectors", true)]
    public async Task LocalFirst_TheServerHoldsVectorsInTheClearOnlyWhenTheCloudReceivesThem_NeverTextNorDigest(string cloud, bool shared)
    {
        using var rig = new Rig("local_first");
        var (vault, client, _) = rig.NewVault("a");
        vault.UnlockWithPassphrase("correct horse", Realign.Vault.Crypto.KeyParameters.CreateNew(memoryKib: 8192, iterations: 1));
        vault.CacheExposure(new ExposurePolicyDto("full", "full", cloud));
        Fill(vault);
        using var assistant = Builtin();

        await new VaultSearch(vault).EmbedAsync(assistant);
        await client.SyncAsync();

        var onServer = rig.Server.Entity(EmbeddingRecord.EntityType, EmbeddingRecord.IdFor("note", "boiler", MiniLmEmbeddingGenerator.ModelId))!;
        var payload = onServer.VisiblePayload().ToDictionary(f => f.Key, f => f.Value);
        Assert.True(SealedValues.IsSealed(payload[EmbeddingRecord.DigestField]));
        Assert.Equal(!shared, SealedValues.IsSealed(payload[EmbeddingRecord.ChunksField]));
        Assert.Equal(shared, EmbeddingRecord.TryRead(payload) is not null);
        Assert.True(SealedValues.IsSealed(rig.Server.Entity("note", "boiler")!.FindField("body")!.Effective!.Value.Value));
        Assert.Equal("boiler", (await new VaultSearch(vault).SearchAsync("the heating makes a banging noise at dawn", 1, assistant)).Results[0].Hit.SourceId);
    }

    [Fact]
    public async Task StopWordsAloneNeverMakeAKeywordHit_SoAnUnrelatedNoteGetsNoBoostFromThem()
    {
        using var rig = new Rig();
        var (vault, _, _) = rig.NewVault("a");
        Fill(vault);

        var report = await new VaultSearch(vault).SearchAsync("banging from the heating at dawn", 8, null);

        Assert.Equal(["boiler"], report.Results.Select(r => r.Hit.SourceId));
        Assert.NotEmpty((await new VaultSearch(vault).SearchAsync("the", 8, null)).Results);
    }
}
