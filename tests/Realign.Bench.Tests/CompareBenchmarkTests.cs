using System.Text.Json;
using Realign.Benchmarks;

namespace Realign.Bench.Tests;

public sealed class CompareBenchmarkTests
{
    [Fact]
    public async Task SmokeRun_TenThousandItems_PrintsTableAndWritesJsonAndMarkdown()
    {
        using var scratch = new TempDir("realign-bench-test-");
        var folder = scratch.Path;
        var options = BenchOptions.Smoke(folder);
        var output = new StringWriter();

        var report = await CompareBenchmark.RunAsync(options, output);

        var backends = options.Postgres is null ? new[] { "sqlite" } : ["sqlite", "postgres"];
        Assert.Equal(backends, report.Rows.Select(r => r.Backend));
        Assert.All(report.Rows, r => Assert.Equal(10_000, r.Items));
        Assert.All(report.Rows, r => Assert.Equal("real", r.Workload));
        Assert.All(report.Rows, r => Assert.Equal(10_000, r.Others));
        Assert.Equal(backends, report.Vaults.Select(v => v.Backend));
        Assert.All(report.Rows, r => Assert.True(r.PushRatio > 0 && r.PullRatio > 0 && r.ServerPeakRssMb > 0));
        Assert.All(report.Rows, r => Assert.False(r.ServerInProcess));
        Assert.All(report.Rows, r => Assert.True(r.Cpu is { ServerPush: > 0, ServerPull: >= 0 }, "each row carries the server's CPU per item"));
        Assert.True(report.Rows.Single(r => r.Backend == "sqlite").NativeReadPerSecond > 0, "SQLite carries the read below the driver");
        Assert.All(report.Rows.Where(r => r.Backend == "postgres"), r => Assert.Null(r.NativeReadPerSecond));
        Assert.Contains("| sqlite | real | 10,000 | 10,000 |", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("raw read below the driver/s", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("push ratio", await File.ReadAllTextAsync(Path.Combine(folder, "compare.md")), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "compare.json")));
        Assert.Equal(backends.Length, json.RootElement.GetProperty("rows").GetArrayLength());
        Assert.Equal(10_000, json.RootElement.GetProperty("rows")[0].GetProperty("items").GetInt32());
        Assert.Equal("real", json.RootElement.GetProperty("rows")[0].GetProperty("workload").GetString());
        Assert.True(json.RootElement.GetProperty("rows")[0].GetProperty("raw_native_read_per_second").GetDouble() > 0);
    }
}
