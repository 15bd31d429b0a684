using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Realign.Core.Contract;
using Realign.EndToEnd.Tests.Harness;
using Xunit.Abstractions;

namespace Realign.EndToEnd.Tests.Crash;

public sealed class ServerCrashTests(ITestOutputHelper output)
{
    private const int Batches = 600;
    private const int ItemsPerBatch = 10;
    private const int Kills = 10;
    private const int Clients = 3;

    [Fact]
    public async Task SqliteServerProcess_KilledTenTimesDuringPushes_EveryBatchAllOrNothingAndClientsConverge()
    {
        using var folder = new TempDir("realign-crash-");
        await using var server = ServerProcess.Sqlite(folder.Path);
        await RunAsync(server, 11);
    }

    [BackendFact]
    [RequiresPostgres]
    public async Task PostgresServerProcess_KilledTenTimesDuringPushes_EveryBatchAllOrNothingAndClientsConverge()
    {
        if (!PostgresServer.Available())
        {
            return;
        }

        var connection = await PostgresServer.CreateDatabaseAsync("rcrash");
        try
        {
            await using var server = ServerProcess.Postgres(connection);
            await RunAsync(server, 12);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connection);
        }
    }

    private static string BatchId(int k) => $"crash-{k:D4}";

    private static string Body(int k) => Wire.Batch(BatchId(k), Enumerable.Range(0, ItemsPerBatch)
        .Select(i => Wire.Item($"b{k:D4}-i{i:D2}", 1, "user:desktop", k, $$"""{"batch":{{k}},"i":{{i}}}""")).ToArray());

    private async Task RunAsync(ServerProcess server, int seed)
    {
        await server.StartAsync(TimeSpan.FromSeconds(60));
        var token = await server.WaitForOwnerTokenAsync();
        using var api = new Api(server.BaseAddress);
        var random = new Random(seed);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        up.SetResult();
        var sent = new ConcurrentDictionary<int, bool>();
        var acked = new ConcurrentDictionary<int, PushResponse>();
        var partial = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        var clock = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            for (var k = c; k < Batches; k += Clients)
            {
                while (!acked.ContainsKey(k))
                {
                    stop.Token.ThrowIfCancellationRequested();
                    await Volatile.Read(ref up).Task.WaitAsync(stop.Token);
                    sent[k] = true;
                    try
                    {
                        var reply = await api.SendAsync(HttpMethod.Post, "/sync/push", token, System.Text.Encoding.UTF8.GetBytes(Body(k)), cancellationToken: stop.Token);
                        if (reply.Status == 200)
                        {
                            acked[k] = JsonSerializer.Deserialize(reply.Body, RealignJsonContext.Default.PushResponse)!;
                        }
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(10, stop.Token);
                    }
                }
            }
        })).ToArray();

        var killsDuringPushes = 0;
        for (var kill = 0; kill < Kills; kill++)
        {
            var target = (kill + 1) * Batches / (Kills + 2);
            while (acked.Count < target)
            {
                await Task.Delay(5, stop.Token);
            }

            await Task.Delay(random.Next(0, 30), stop.Token);
            if (acked.Count < Batches)
            {
                killsDuringPushes++;
            }

            Volatile.Write(ref up, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            server.Kill();
            await server.StartAsync(TimeSpan.FromSeconds(60));
            foreach (var (k, count) in await StoredPerBatchAsync(api, token))
            {
                if (count != ItemsPerBatch)
                {
                    partial.Enqueue($"after kill {kill + 1}: batch {k} has {count} of {ItemsPerBatch} items");
                }
            }

            up.SetResult();
        }

        await Task.WhenAll(clients).WaitAsync(stop.Token);
        var stored = await StoredPerBatchAsync(api, token);
        var replayedOnAck = acked.Values.Count(r => r.Replayed);
        var versions = new List<long>();
        await foreach (var head in HeadsAsync(api, token))
        {
            versions.Add(head.Version ?? 0);
        }

        for (var k = 0; k < Batches; k += 37)
        {
            var replay = JsonSerializer.Deserialize((await api.PushAsync(token, Body(k))).Body, RealignJsonContext.Default.PushResponse)!;
            Assert.True(replay.Replayed);
            Assert.Equal(ItemsPerBatch, replay.Results.Count);
        }

        output.WriteLine($"{server.Starts - 1} kills ({killsDuringPushes} during pushes), {Batches} batches x {ItemsPerBatch} items, {replayedOnAck} batches committed before a crash and acknowledged by replay, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(partial.IsEmpty, string.Join("\n", partial.Take(5)));
        Assert.True(killsDuringPushes >= Kills, $"only {killsDuringPushes} kills hit pushes in flight");
        Assert.Equal(Batches, acked.Count);
        Assert.Equal(Batches, stored.Count);
        Assert.All(stored.Values, count => Assert.Equal(ItemsPerBatch, count));
        Assert.Equal(Batches * ItemsPerBatch, versions.Count);
        Assert.All(versions, v => Assert.Equal(1, v));
    }

    private static async Task<Dictionary<int, int>> StoredPerBatchAsync(Api api, string token)
    {
        var counts = new Dictionary<int, int>();
        await foreach (var head in HeadsAsync(api, token))
        {
            var k = int.Parse(head.EntityId![1..5], System.Globalization.CultureInfo.InvariantCulture);
            counts[k] = counts.GetValueOrDefault(k) + 1;
        }

        return counts;
    }

    private static async IAsyncEnumerable<SyncItem> HeadsAsync(Api api, string token)
    {
        long cursor = 0;
        while (true)
        {
            var reply = await api.GetAsync($"/sync/pull?since={cursor}&limit=1000", token);
            Assert.Equal(200, reply.Status);
            var page = JsonSerializer.Deserialize(reply.Body, RealignJsonContext.Default.PullResponse)!;
            foreach (var item in page.Items)
            {
                yield return item;
            }

            cursor = page.NextCursor;
            if (!page.HasMore)
            {
                yield break;
            }
        }
    }
}
