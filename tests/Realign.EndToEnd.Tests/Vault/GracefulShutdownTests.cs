using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Realign.EndToEnd.Tests.Vault;

/// <summary><c>realign serve</c> stopped with SIGTERM while clients push: it exits cleanly; every acknowledged batch is
/// there whole after a restart, every other batch is there whole or not at all (never half); and the clients resume by
/// sending their unanswered batches again, which the restarted server takes once.</summary>
public sealed class GracefulShutdownTests
{
    private const int Clients = 3;
    private const int ItemsPerBatch = 200;
    private const int MaxBatchesPerClient = 400;
    private const int AcknowledgedBeforeStop = 15;

    [BackendTheory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.Postgres)]
    public async Task SigtermDuringPushes_LeavesNoHalfBatch_AndARestartResumes(Backend backend)
    {
        using var scratch = new TempDir("realign-shutdown-");
        var database = backend == Backend.Postgres ? await PostgresServer.CreateDatabaseAsync("shutdown") : null;
        try
        {
            string[] store = database is null ? ["--data", scratch.Sub("data")] : ["--postgres", database, "--secrets-key", scratch.Sub("secrets.key")];
            string[] arguments = [.. store, "--urls", "http://127.0.0.1:0", "--no-automations"];
            var attempted = new System.Collections.Concurrent.ConcurrentDictionary<string, (string Body, string[] Ids)>();
            var acknowledged = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
            string owner;

            await using (var server = await ServeProcess.StartAsync(arguments, new Dictionary<string, string?>()))
            {
                owner = server.Owner;
                var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
                {
                    using var http = Client(server.Url, owner);
                    for (var b = 0; b < MaxBatchesPerClient; b++)
                    {
                        var batchId = $"c{c}-b{b}";
                        var ids = Enumerable.Range(0, ItemsPerBatch).Select(i => $"{batchId}-i{i}").ToArray();
                        var body = Batch(batchId, ids);
                        attempted[batchId] = (body, ids);
                        try
                        {
                            using var reply = await http.PostAsync(new Uri("/sync/push", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
                            if (!reply.IsSuccessStatusCode)
                            {
                                return;
                            }

                            acknowledged[batchId] = true;
                            if (acknowledged.Count >= AcknowledgedBeforeStop)
                            {
                                enough.TrySetResult();
                            }
                        }
                        catch (HttpRequestException)
                        {
                            return;
                        }
                    }
                })).ToArray();

                await enough.Task.WaitAsync(TimeSpan.FromSeconds(120));
                var (exitCode, _, errors) = await server.StopAsync();
                await Task.WhenAll(clients);
                Assert.True(exitCode == 0, $"serve exited with {exitCode} on SIGTERM: {errors}");
            }

            Assert.True(attempted.Count > acknowledged.Count, "some batches were in flight or refused at the stop");
            await using var restarted = await ServeProcess.StartAsync(arguments, new Dictionary<string, string?>(), firstStart: false);
            using var api = Client(restarted.Url, owner);
            var stored = await PullIdsAsync(api);

            foreach (var (batchId, (_, ids)) in attempted)
            {
                var present = ids.Count(stored.Contains);
                Assert.True(present is 0 or ItemsPerBatch, $"batch {batchId} is half applied: {present} of {ItemsPerBatch} items");
                if (acknowledged.ContainsKey(batchId))
                {
                    Assert.True(present == ItemsPerBatch, $"acknowledged batch {batchId} is missing after the restart");
                }
            }

            // The clients resume: every batch they had no answer for goes again with its id, and is taken once.
            foreach (var (batchId, (body, _)) in attempted.Where(a => !acknowledged.ContainsKey(a.Key)))
            {
                using var reply = await api.PostAsync(new Uri("/sync/push", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
                Assert.True(reply.IsSuccessStatusCode, $"the resumed batch {batchId} was refused: {await reply.Content.ReadAsStringAsync()}");
            }

            var after = await PullIdsAsync(api);
            Assert.Equal(attempted.Count * ItemsPerBatch, after.Count);
        }
        finally
        {
            if (database is not null)
            {
                await PostgresServer.DropDatabaseAsync(database);
            }
        }
    }

    private static HttpClient Client(string url, string token)
    {
        var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static string Batch(string batchId, string[] ids)
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var items = new JsonArray([.. ids.Select(id => (JsonNode)new JsonObject
        {
            ["entity_type"] = "note",
            ["entity_id"] = id,
            ["truth_level"] = 1,
            ["origin_source"] = "user:desktop",
            ["last_modified_at"] = at,
            ["payload"] = new JsonObject { ["title"] = id, ["body"] = "a note pushed while the server was asked to stop" },
        })]);
        return new JsonObject { ["batch_id"] = batchId, ["items"] = items }.ToJsonString();
    }

    private static async Task<HashSet<string>> PullIdsAsync(HttpClient api)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        long since = 0;
        for (var page = 0; page < 10_000; page++)
        {
            using var doc = JsonDocument.Parse(await api.GetStringAsync(new Uri($"/sync/pull?since={since}&limit=5000", UriKind.Relative)));
            foreach (var item in doc.RootElement.GetProperty("items").EnumerateArray())
            {
                ids.Add(item.GetProperty("entity_id").GetString()!);
            }

            since = doc.RootElement.GetProperty("next_cursor").GetInt64();
            if (!doc.RootElement.GetProperty("has_more").GetBoolean())
            {
                return ids;
            }
        }

        throw new InvalidOperationException("the pull did not end");
    }
}
