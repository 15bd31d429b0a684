using System.Text.Json;
using System.Text.Json.Nodes;
using Realign.Assist.Embeddings;
using Realign.Assist.Jobs;
using Realign.Assist.Providers;
using Realign.Core.Contract;
using static Realign.Server.Tests.Items;

namespace Realign.Server.Tests;

/// <summary><c>/sync/search</c>: meaning from the tenant's embeddings and words from the server's full text, fused; stale and
/// deleted sources never answered; a local-first tenant searched by vector alone.</summary>
public abstract partial class SyncApiContract
{
    private static readonly (string Id, string Title, string Body)[] SearchCorpus =
    [
        ("boiler", "Boiler", "The boiler in the cellar knocks loudly every morning before the heating starts. Valve part ZX-4471 is worn."),
        ("tulips", "Garden", "Plant the tulip bulbs in the flower beds along the fence before the first frost."),
        ("tax", "Tax return", "Gather the receipts and payslips for the annual income tax declaration; the deadline is in May."),
        ("bike", "Bicycle", "The rear tyre of the bicycle keeps going flat; patch the inner tube and pump it up."),
    ];

    private static readonly Assistant Embedder = new(ProviderCheck.Validate(ProviderNames.Builtin), Exposure.Full);

    private async Task<(HostedServer Server, TenantUnderTest Tenant)?> StartSearchAsync(VaultMode mode)
    {
        if (StoreOptions() is not { } options)
        {
            return null;
        }

        var server = await HostedServer.StartAsync(options);
        return (server, await server.NewTenantAsync(mode, Principals.All.Where(p => p.Name is "owner" or "ai-cloud")));
    }

    /// <summary>Pushes the corpus (notes at second <paramref name="second"/>, their embeddings a second later), with the note
    /// values as given by <paramref name="value"/> (sealed-looking for a local-first tenant).</summary>
    private static async Task PushCorpusAsync(HostedServer server, string token, int second, Func<string, string> value)
    {
        var sources = SearchCorpus.Select(n => new AssistSource("note", n.Id, 0, new Dictionary<string, string>
        {
            ["title"] = JsonSerializer.Serialize(n.Title),
            ["body"] = JsonSerializer.Serialize(n.Body),
        })).ToList();
        var result = await Embedder.EmbedAsync(sources);
        var notes = SearchCorpus.Select(n => User(n.Id, second, $$"""{"title":{{JsonSerializer.Serialize(value(n.Title))}},"body":{{JsonSerializer.Serialize(value(n.Body))}}}""")).ToArray();
        var embeddings = result.Outputs.Cast<DerivedEntity>().Select(d => Item(d.EntityId, 3, "ai-local:builtin", second + 1,
            new JsonObject(d.Fields.Select(f => new KeyValuePair<string, JsonNode?>(f.Key, JsonNode.Parse(f.Value)))).ToJsonString(), EmbeddingRecord.EntityType)).ToArray();
        Assert.Equal(200, (await server.Api.PushAsync(token, Batch([.. notes, .. embeddings]))).Status);
    }

    private static async Task<string> QueryVectorAsync(string query)
    {
        var (model, vector) = (await Embedder.EmbedQueryAsync(query))!.Value;
        return JsonSerializer.Serialize(new { vector, model });
    }

    [BackendTheory]
    [InlineData("the heating makes a banging noise at dawn", "boiler")]
    [InlineData("when should spring flowers go into the ground", "tulips")]
    [InlineData("puncture on my bike", "bike")]
    public async Task CloudFirst_AParaphrase_FindsItsNoteFirstByMeaning_WithTheEmbeddingThatAnswered_AndNoText(string query, string expected)
    {
        if (await StartSearchAsync(VaultMode.CloudFirst) is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        await PushCorpusAsync(server, tenant.Owner, 1, v => v);

        var reply = await server.Api.GetAsync("/sync/search?q=" + Uri.EscapeDataString(query), tenant.Owner);

        Assert.Equal(200, reply.Status);
        var first = reply.Json.GetProperty("results")[0];
        Assert.Equal(expected, first.GetProperty("entity_id").GetString());
        Assert.Equal(EmbeddingRecord.IdFor("note", expected, MiniLmEmbeddingGenerator.ModelId), first.GetProperty("vector").GetProperty("embedding_id").GetString());
        Assert.Equal(MiniLmEmbeddingGenerator.ModelId, reply.Json.GetProperty("model").GetString());
        Assert.DoesNotContain(SearchCorpus.Single(n => n.Id == expected).Title, reply.Body, StringComparison.Ordinal);
    }

    [BackendTheory]
    [InlineData("ZX-4471", "boiler")]
    [InlineData("payslips", "tax")]
    public async Task CloudFirst_AnExactTerm_FindsItsNoteByFullText(string query, string expected)
    {
        if (await StartSearchAsync(VaultMode.CloudFirst) is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        await PushCorpusAsync(server, tenant.Owner, 1, v => v);

        var reply = await server.Api.GetAsync("/sync/search?q=" + Uri.EscapeDataString(query), tenant.Owner);

        var first = reply.Json.GetProperty("results")[0];
        Assert.Equal(expected, first.GetProperty("entity_id").GetString());
        Assert.Equal(1, first.GetProperty("keyword_rank").GetInt32());
    }

    [BackendFact]
    public async Task AnEmbeddingOlderThanItsSourcesText_OrOfADeletedSource_NeverAnswers()
    {
        if (await StartSearchAsync(VaultMode.CloudFirst) is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        await PushCorpusAsync(server, tenant.Owner, 1, v => v);
        var body = await QueryVectorAsync("the heating makes a banging noise at dawn");
        await server.Api.PushAsync(tenant.Owner, Batch(User("boiler", 10, """{"body":"Repot the orchids on the windowsill."}""")));
        await server.Api.PushAsync(tenant.Owner, Batch(User("tulips", 11, "{}").With("deleted", true)));

        var reply = await server.Api.SendAsync(HttpMethod.Post, "/sync/search", tenant.Owner, body);

        Assert.Equal(200, reply.Status);
        var ids = reply.Json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("entity_id").GetString()).ToList();
        Assert.DoesNotContain("boiler", ids);
        Assert.DoesNotContain("tulips", ids);
        Assert.Equal(2, reply.Json.GetProperty("stale_skipped").GetInt32());
    }

    [BackendFact]
    public async Task LocalFirst_AVectorSearchIsAnswered_WordsAreRefused_AndTheServerHoldsNoPlaintext()
    {
        if (await StartSearchAsync(VaultMode.LocalFirst) is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        // The vault seals every note value; its shared embeddings carry vectors, ids and spans only.
        await PushCorpusAsync(server, tenant.Owner, 1, v => "rl1:" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(v))));

        var byVector = await server.Api.SendAsync(HttpMethod.Post, "/sync/search", tenant.Owner, await QueryVectorAsync("the heating makes a banging noise at dawn"));
        var byWords = await server.Api.GetAsync("/sync/search?q=boiler", tenant.Owner);
        var mixed = await server.Api.SendAsync(HttpMethod.Post, "/sync/search", tenant.Owner, (await QueryVectorAsync("boiler")).TrimEnd('}') + ""","q":"boiler"}""");

        Assert.Equal(200, byVector.Status);
        Assert.Equal("boiler", byVector.Json.GetProperty("results")[0].GetProperty("entity_id").GetString());
        Assert.Equal(400, byWords.Status);
        Assert.Contains("local-first", byWords.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(200, mixed.Status);
        Assert.Contains("local-first", mixed.Json.GetProperty("keywords").GetString(), StringComparison.Ordinal);
        var pull = await server.Api.GetAsync("/sync/pull?since=0", tenant.Owner);
        foreach (var (_, title, noteBody) in SearchCorpus)
        {
            Assert.DoesNotContain(title, pull.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(noteBody[..20], pull.Body, StringComparison.Ordinal);
        }
    }

    [BackendTheory]
    [InlineData("/sync/search", null, 400)]
    [InlineData("/sync/search?q=", null, 400)]
    [InlineData("/sync/search?q=x&top=0", null, 400)]
    [InlineData("/sync/search?q=x&top=ten", null, 400)]
    [InlineData("/sync/search", """{"vector":[1,2]}""", 400)]
    [InlineData("/sync/search", """{"model":"m"}""", 400)]
    [InlineData("/sync/search", """{"vector":[],"model":"m"}""", 400)]
    [InlineData("/sync/search", """{"vector":[1,"a"],"model":"m"}""", 400)]
    [InlineData("/sync/search", """{"q":"x","extra":1}""", 400)]
    [InlineData("/sync/search", """{"vector":[1,2],"model":"all-MiniLM-L6-v2"}""", 400)]
    [InlineData("/sync/search", """{"vector":[1,2],"model":"other"}""", 200)]
    public async Task BadSearches_400NamingWhatIsWrong(string path, string? body, int status)
    {
        if (await StartSearchAsync(VaultMode.CloudFirst) is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        await PushCorpusAsync(server, tenant.Owner, 1, v => v);

        var reply = body is null ? await server.Api.GetAsync(path, tenant.Owner) : await server.Api.SendAsync(HttpMethod.Post, path, tenant.Owner, body);

        Assert.Equal(status, reply.Status);
        if (status == 400)
        {
            Assert.False(string.IsNullOrEmpty(reply.Json.GetProperty("detail").GetString()));
        }
        else
        {
            Assert.Contains("no embeddings by other", reply.Json.GetProperty("keywords_only").GetString(), StringComparison.Ordinal);
        }
    }

    [BackendTheory]
    [InlineData("vectors", true)]
    [InlineData("none", false)]
    public async Task AnAiTokenWhoseLevelReadsNoText_PullsAndReadsNoText_AtVectorsItGetsTheVectorsWithoutTheDigest(string cloud, bool vectors)
    {
        if (await StartSearchAsync(VaultMode.CloudFirst) is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        await PushCorpusAsync(server, tenant.Owner, 1, v => v);
        var ai = tenant.Tokens["ai-cloud"];
        Assert.Equal(200, (await server.Api.PushAsync(ai, Batch(Ai("boiler", 5, """{"title":"Boiler knocking at dawn"}""")))).Status);
        Assert.Contains("Boiler", (await server.Api.GetAsync("/sync/pull?since=0", ai)).Body, StringComparison.Ordinal);

        Assert.Equal(200, (await server.Api.SendAsync(HttpMethod.Put, "/sync/policy/exposure", tenant.Owner, $$"""{"cloud":"{{cloud}}"}""")).Status);
        var pull = await server.Api.GetAsync("/sync/pull?since=0", ai);
        var entity = await server.Api.GetAsync("/sync/entities/note/boiler", ai);
        var proposals = await server.Api.GetAsync("/sync/proposals?status=all", ai);

        foreach (var reply in new[] { pull, entity, proposals })
        {
            Assert.Equal(200, reply.Status);
            foreach (var (_, title, body) in SearchCorpus)
            {
                Assert.DoesNotContain(title, reply.Body, StringComparison.Ordinal);
                Assert.DoesNotContain(body[..20], reply.Body, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("knocking at dawn", reply.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("\"digest\"", reply.Body, StringComparison.Ordinal);
        }

        var embedding = pull.Json.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("entity_type").GetString() == EmbeddingRecord.EntityType && i.GetProperty("entity_id").GetString() == EmbeddingRecord.IdFor("note", "boiler", MiniLmEmbeddingGenerator.ModelId));
        Assert.Equal(vectors, embedding.GetProperty("payload").TryGetProperty(EmbeddingRecord.ChunksField, out var chunks) && chunks.ValueKind == JsonValueKind.Array);
        Assert.Equal(8, pull.Json.GetProperty("items").GetArrayLength());
        Assert.Contains("boiler", proposals.Body, StringComparison.Ordinal);
        Assert.Contains("Boiler", (await server.Api.GetAsync("/sync/pull?since=0", tenant.Owner)).Body, StringComparison.Ordinal);
    }

    [BackendFact]
    public async Task TheKeywordIndex_FollowsEditsAndDeletions_AndNeverCrossesTenants()
    {
        if (await StartSearchAsync(VaultMode.CloudFirst) is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        var other = await server.NewTenantAsync(VaultMode.CloudFirst, Principals.All.Where(p => p.Name == "owner"));
        async Task<List<string?>> FindAsync(string token, string q) =>
            (await server.Api.GetAsync("/sync/search?q=" + q, token)).Json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("entity_id").GetString()).ToList();

        await server.Api.PushAsync(tenant.Owner, Batch(User("a", 1, """{"title":"Valve","body":"Part QX7 is worn."}""")));
        await server.Api.PushAsync(other.Owner, Batch(User("o", 1, """{"title":"Other","body":"Part QX7 elsewhere."}""")));
        Assert.Equal(["a"], await FindAsync(tenant.Owner, "QX7"));

        await server.Api.PushAsync(tenant.Owner, Batch(User("a", 2, """{"body":"Fixed."}"""), User("b", 2, """{"title":"Spare QX7","body":"Ordered."}""")));
        Assert.Equal(["b"], await FindAsync(tenant.Owner, "QX7"));
        Assert.Equal(["a"], await FindAsync(tenant.Owner, "fixed"));

        await server.Api.PushAsync(tenant.Owner, Batch(User("b", 3, "{}").With("deleted", true)));
        Assert.Empty(await FindAsync(tenant.Owner, "QX7"));
        Assert.Equal(["o"], await FindAsync(other.Owner, "QX7"));
    }
}
