using System.Text.Json;
using Realign.Assist.Embeddings;
using Realign.Assist.Jobs;
using Realign.Assist.Providers;
using Realign.Core.Contract;
using Realign.Core.Rules;
using Realign.Storage;
using Realign.Vault;

namespace Realign.EndToEnd.Tests.Vault;

/// <summary>Search as a person runs it: <c>realign embed</c>, <c>search</c> and <c>related</c> in a local-first vault, and
/// the server answering the vault's vector search with no plaintext anywhere in its database.</summary>
public sealed class SearchOverHttpTests
{
    private static readonly (string Id, string Title, string Body)[] Notes =
    [
        ("boiler", "Boiler trouble", "The boiler in the cellar knocks loudly every morning before the heating starts."),
        ("tulips", "Garden plans", "Plant the tulip bulbs in the flower beds along the fence before the first frost."),
        ("tax", "Tax return", "Gather the receipts and payslips for the annual income tax declaration this spring."),
        ("bike", "Bicycle repair", "The rear tyre of the bicycle keeps going flat; patch the inner tube and pump it up."),
    ];

    [BackendTheory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.Postgres)]
    public async Task LocalFirst_VaultEmbedsAndSearches_ServerAnswersItsVectorSearch_WithNoPlaintextStored(Backend backend)
    {
        if (backend == Backend.Postgres && !PostgresServer.Available())
        {
            return;
        }

        await using var server = await HostedServer.StartAsync(backend, LiveTenant.Options);
        using var tenant = await LiveTenant.CreateAsync(server, VaultMode.LocalFirst);
        var passphrase = Path.Combine(server.Folder.Path, "pass.txt");
        await File.WriteAllTextAsync(passphrase, "correct horse battery staple\n");
        var dir = Path.Combine(server.Folder.Path, "a");
        var token = await tenant.TokenAsync(PrincipalKind.UserDevice, "desktop", true);
        await Ok(Cli.RunAsync("vault", "init", dir, "--server", server.Url, "--token", token, "--passphrase-file", passphrase));
        await Ok(Cli.RunAsync("policy", "set", "--cloud", "vectors", "--vault", dir));
        using (var vault = LocalVault.Open(dir))
        {
            foreach (var (id, title, body) in Notes)
            {
                vault.Put("note", id, $$"""{"title":{{JsonSerializer.Serialize(title)}},"body":{{JsonSerializer.Serialize(body)}}}""");
            }
        }

        using var embed = JsonDocument.Parse(await Ok(Cli.RunAsync("embed", "--json", "--vault", dir)));
        Assert.Equal((Notes.Length, 3, "ai-local:builtin"), (embed.RootElement.GetProperty("embedded").GetInt32(), embed.RootElement.GetProperty("level").GetInt32(), embed.RootElement.GetProperty("origin").GetString()));
        await Ok(Cli.RunAsync("sync", "--vault", dir));

        using var local = JsonDocument.Parse(await Ok(Cli.RunAsync("search", "the heating makes a banging noise at dawn", "--json", "--vault", dir)));
        var first = local.RootElement.GetProperty("results")[0];
        Assert.Equal(("boiler", "Boiler trouble"), (first.GetProperty("entity_id").GetString(), first.GetProperty("title").GetString()));
        Assert.Equal(EmbeddingRecord.IdFor("note", "boiler", MiniLmEmbeddingGenerator.ModelId), first.GetProperty("vector").GetProperty("embedding_id").GetString());
        using var related = JsonDocument.Parse(await Ok(Cli.RunAsync("related", "boiler", "--json", "--vault", dir)));
        Assert.DoesNotContain(related.RootElement.GetProperty("results").EnumerateArray(), r => r.GetProperty("entity_id").GetString() == "boiler");
        Assert.Equal(Notes.Length - 1, related.RootElement.GetProperty("results").GetArrayLength());

        using var assistant = new Assistant(ProviderCheck.Validate(ProviderNames.Builtin), Exposure.Full);
        var (model, vector) = (await assistant.EmbedQueryAsync("puncture on my bike"))!.Value;
        var reply = await server.Api.SendAsync(HttpMethod.Post, "/sync/search", token, JsonSerializer.Serialize(new { vector, model }));
        Assert.Equal(200, reply.Status);
        Assert.Equal("bike", reply.Json.GetProperty("results")[0].GetProperty("entity_id").GetString());

        var stored = backend == Backend.Sqlite ? EncryptionAtRestTests.ReadSqliteFiles(server.SqlitePath!) : await PostgresServer.AllRowsAsTextAsync(server.PostgresConnectionString!);
        Assert.Contains(EmbeddingRecord.IdFor("note", "bike", MiniLmEmbeddingGenerator.ModelId), stored, StringComparison.Ordinal);
        foreach (var (_, title, body) in Notes)
        {
            Assert.DoesNotContain(title, stored, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(body[..24], stored, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static async Task<string> Ok(Task<CliRun> run)
    {
        var result = await run;
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout;
    }
}
