using Microsoft.Data.Sqlite;

namespace Realign.Server.Tests;

/// <summary>What an operator's probes and a reader of the API reference see: <c>/healthz</c>, <c>/readyz</c>, the OpenAPI
/// document and the reference at <c>/docs</c>.</summary>
public sealed class OperationsEndpointTests
{
    [Fact]
    public async Task Readyz_ReadyWithEveryMigration_ThenNotReadyNamingTheMigrationTheDatabaseLacks()
    {
        await using var server = await HostedServer.StartSqliteAsync();

        var ready = await server.Api.GetAsync("/readyz", null);
        Assert.Equal(200, ready.Status);
        Assert.Equal("ready", ready.Json.GetProperty("status").GetString());
        Assert.Equal(ready.Json.GetProperty("expected").GetInt32(), ready.Json.GetProperty("migrations").GetInt32());
        Assert.True(ready.Json.GetProperty("expected").GetInt32() >= 8);
        Assert.Equal(200, (await server.Api.GetAsync("/healthz", null)).Status);

        await using (var connection = new SqliteConnection($"Data Source={server.SqlitePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM SchemaVersions WHERE ScriptName LIKE '%0008_entity_text.sql'";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var notReady = await server.Api.GetAsync("/readyz", null);
        Assert.Equal(503, notReady.Status);
        Assert.Equal("not-ready", notReady.Json.GetProperty("status").GetString());
        Assert.Equal("migrations not applied: 0008_entity_text.sql", notReady.Json.GetProperty("reason").GetString());
        Assert.Equal(200, (await server.Api.GetAsync("/healthz", null)).Status);
    }

    [Fact]
    public async Task TheApiReference_HasATitleAnIntroductionAndTheBearerScheme_AndNoCloudButtons()
    {
        await using var server = await HostedServer.StartSqliteAsync();

        var document = await server.Api.GetAsync("/openapi/v1.json", null);
        var page = await server.Api.GetAsync("/docs/", null);

        var info = document.Json.GetProperty("info");
        Assert.Equal(("Realign sync API", "v1"), (info.GetProperty("title").GetString(), info.GetProperty("version").GetString()));
        Assert.Contains("Authorization: Bearer", info.GetProperty("description").GetString(), StringComparison.Ordinal);
        var bearer = document.Json.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal(("http", "bearer"), (bearer.GetProperty("type").GetString(), bearer.GetProperty("scheme").GetString()));
        Assert.True(document.Json.GetProperty("security")[0].TryGetProperty("bearer", out _));
        Assert.Equal(200, page.Status);
        foreach (var setting in new[] { "\"hideClientButton\":true", "\"telemetry\":false", "\"showDeveloperTools\":\"never\"", "\"agent\":{\"disabled\":true}", "\"mcp\":{\"disabled\":true}" })
        {
            Assert.Contains(setting, page.Body, StringComparison.Ordinal);
        }

        Assert.Contains("<title>Realign sync API</title>", page.Body, StringComparison.Ordinal);
    }
}
