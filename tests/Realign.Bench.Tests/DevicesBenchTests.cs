using System.Text.Json;
using Realign.Benchmarks;

namespace Realign.Bench.Tests;

public sealed class DevicesBenchTests
{
    /// <summary>A small run of the many-devices bench: every vault converges, no errors, every request timed; with PostgreSQL
    /// (REALIGN_TEST_PG) also one and two servers on the same database.</summary>
    [Fact]
    public async Task SmallRun_EightVaultsOfTwoTenants_ConvergeWithoutErrorsAndReportLatencies()
    {
        using var scratch = new TempDir("realign-devices-bench-test-");
        var postgres = Environment.GetEnvironmentVariable("REALIGN_TEST_PG") is { Length: > 0 } pg ? pg : null;
        var options = new DevicesOptions { Vaults = 8, Tenants = 2, Rounds = 3, NotesPerRound = 20, Interval = TimeSpan.FromMilliseconds(50), Postgres = postgres, OutDir = scratch.Path };
        Assert.NotNull(options.ServerExecutable);
        var output = new StringWriter();

        var report = await DevicesBench.RunAsync(options, output);

        var expected = postgres is null ? new[] { ("sqlite", 1) } : [("sqlite", 1), ("postgres", 1), ("postgres", 2)];
        Assert.Equal(expected, report.Rows.Select(r => (r.Backend, r.Servers)));
        foreach (var row in report.Rows)
        {
            Assert.Equal((0, 0), (row.Errors, row.Diverged));
            // Each vault pushed its 20 notes in each of 3 timed rounds (the warm-up round not counted), and pulled its tenant's other vaults' edits.
            Assert.Equal(8 * 3 * 20, row.Pushed);
            Assert.True(row.Pulled >= 8 * 3 * 20, $"pulled {row.Pulled}");
            Assert.True(row.Push.Count >= 8 * 3 && row.Pull.Count >= 8 * 3, $"{row.Push.Count} pushes, {row.Pull.Count} pulls timed");
            Assert.True(row.Push.P50 > 0 && row.Push.P99 >= row.Push.P50 && row.Pull.P99 >= row.Pull.P50);
            Assert.True(row.ServerCpuSeconds > 0 && row.ClientCpuSeconds > 0, $"CPU server {row.ServerCpuSeconds} s, vaults {row.ClientCpuSeconds} s");
        }

        Assert.Contains("| sqlite | 1 |", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("one round every 50 ms per vault", output.ToString(), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(scratch.Path, "devices.json")));
        Assert.Equal(expected.Length, json.RootElement.GetProperty("rows").GetArrayLength());
        Assert.True(json.RootElement.GetProperty("rows")[0].GetProperty("push").GetProperty("p99_ms").GetDouble() > 0);
        Assert.Contains("push p99 ms", await File.ReadAllTextAsync(Path.Combine(scratch.Path, "devices.md")), StringComparison.Ordinal);
    }
}
