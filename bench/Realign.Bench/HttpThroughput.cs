using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text;
using Microsoft.Extensions.Logging;
using Realign.Core.Contract;
using Realign.Core.Rules;
using Realign.Server;
using Realign.Storage;

namespace Realign.Bench;

/// <summary>Push and pull throughput over real HTTP on loopback: <c>http [--postgres CONN] [--items N] [--batch N]</c>.</summary>
internal static class HttpThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        var postgres = Arg("--postgres");
        var total = int.Parse(Arg("--items") ?? "10000", CultureInfo.InvariantCulture);
        var batchSize = int.Parse(Arg("--batch") ?? "500", CultureInfo.InvariantCulture);
        var folder = Directory.CreateTempSubdirectory("realign-bench-").FullName;
        var options = new RealignServerOptions { Url = "http://127.0.0.1:0", MinimumLogLevel = LogLevel.Warning, RateLimitPermits = int.MaxValue };
        options = postgres is null ? options with { SqlitePath = Path.Combine(folder, "bench.db") } : options with { PostgresConnectionString = postgres };
        await using var host = await RealignServerHost.StartAsync(options);
        var tenant = await host.Store.CreateTenantAsync("bench-" + Guid.NewGuid().ToString("N")[..8], VaultMode.LocalFirst);
        var token = (await host.Store.CreateTokenAsync(new TokenRequest(tenant.Id, PrincipalKind.UserDevice, "desktop", true))).Token;
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var at = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

        var push = Stopwatch.StartNew();
        for (var start = 0; start < total; start += batchSize)
        {
            var items = new JsonArray();
            for (var i = start; i < Math.Min(total, start + batchSize); i++)
            {
                items.Add(new JsonObject
                {
                    ["entity_type"] = "note",
                    ["entity_id"] = $"n{i}",
                    ["truth_level"] = 1,
                    ["origin_source"] = "user:desktop",
                    ["last_modified_at"] = at,
                    ["payload"] = new JsonObject { ["title"] = $"Note {i}", ["body"] = new string('x', 200), ["tags"] = new JsonArray("a", "b") },
                });
            }

            using var content = new StringContent(new JsonObject { ["batch_id"] = $"b{start}", ["items"] = items }.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri("/sync/push", UriKind.Relative), content);
            response.EnsureSuccessStatusCode();
        }

        push.Stop();
        var pull = Stopwatch.StartNew();
        long cursor = 0;
        var pulled = 0;
        while (true)
        {
            await using var stream = await http.GetStreamAsync(new Uri($"/sync/pull?since={cursor}&limit=1000", UriKind.Relative));
            using var page = await JsonDocument.ParseAsync(stream);
            pulled += page.RootElement.GetProperty("items").GetArrayLength();
            cursor = page.RootElement.GetProperty("next_cursor").GetInt64();
            if (!page.RootElement.GetProperty("has_more").GetBoolean())
            {
                break;
            }
        }

        pull.Stop();
        Console.WriteLine($"backend {host.Store.Backend}: {total} items, batches of {batchSize}");
        Console.WriteLine($"push: {total / push.Elapsed.TotalSeconds:0} items/s ({push.Elapsed.TotalSeconds:0.00} s)");
        Console.WriteLine($"pull: {pulled / pull.Elapsed.TotalSeconds:0} items/s ({pull.Elapsed.TotalSeconds:0.00} s, {pulled} heads)");
        Directory.Delete(folder, recursive: true);
        return pulled == total ? 0 : 1;
        string? Arg(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
    }
}
