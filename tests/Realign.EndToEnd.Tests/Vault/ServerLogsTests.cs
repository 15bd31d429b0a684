using System.Net.Http.Headers;
using System.Text;

namespace Realign.EndToEnd.Tests.Vault;

/// <summary>The server's logs at the most verbose level hold no payload and no token: a push of a note, a pull, a search
/// for the note's words, a made-up token and a sign-in attempt leave lines that name ids, codes and counts only.</summary>
public sealed class ServerLogsTests
{
    private const string Marker = "Quixotic-heron-5521";

    [Fact]
    public async Task AtTrace_TheLogsHoldNoPayloadAndNoToken()
    {
        using var scratch = new TempDir("realign-logs-");
        await using var server = await ServeProcess.StartAsync(["--data", scratch.Sub("data"), "--urls", "http://127.0.0.1:0"], new Dictionary<string, string?> { ["REALIGN_LOG_LEVEL"] = "Trace" });
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Owner);
        var note = new System.Text.Json.Nodes.JsonObject
        {
            ["batch_id"] = "b1",
            ["items"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
            {
                ["entity_type"] = "note",
                ["entity_id"] = "n1",
                ["truth_level"] = 1,
                ["origin_source"] = "user:desktop",
                ["last_modified_at"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["payload"] = new System.Text.Json.Nodes.JsonObject { ["title"] = Marker, ["body"] = Marker + " in the body" },
            }),
        }.ToJsonString();

        using (var push = await http.PostAsync(new Uri("/sync/push", UriKind.Relative), new StringContent(note, Encoding.UTF8, "application/json")))
        {
            Assert.True(push.IsSuccessStatusCode, await push.Content.ReadAsStringAsync());
        }

        (await http.GetAsync(new Uri("/sync/pull?since=0", UriKind.Relative))).Dispose();
        (await http.GetAsync(new Uri($"/sync/search?q={Marker}", UriKind.Relative))).Dispose();
        (await http.GetAsync(new Uri($"/sync/entities/note/n1", UriKind.Relative))).Dispose();
        using (var stranger = new HttpClient { BaseAddress = new Uri(server.Url) })
        {
            stranger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Owner + "0");
            (await stranger.GetAsync(new Uri("/sync/pull", UriKind.Relative))).Dispose();
            using var form = new FormUrlEncodedContent([new("token", server.Owner + "1")]);
            (await stranger.PostAsync(new Uri("/ui/signin", UriKind.Relative), form)).Dispose();
        }

        var (_, output, errors) = await server.StopAsync();

        // What serve prints for its user before it logs (the tokens, shown once) ends with this line.
        var logs = output[(output.IndexOf("Press Ctrl+C to stop.", StringComparison.Ordinal) + 1)..] + errors;
        Assert.Contains("Refused GET /sync/pull", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Owner, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Admin, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("rlt_", logs, StringComparison.Ordinal);
    }
}
