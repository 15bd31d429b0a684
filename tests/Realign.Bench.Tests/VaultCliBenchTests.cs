using System.Text.Json;
using Realign.Benchmarks;
using Realign.Core.Contract;

namespace Realign.Bench.Tests;

public sealed class VaultCliBenchTests
{
    [Fact]
    public async Task SmokeRun_TwoHundredNotesCloudFirst_MeasuresEveryStepAndWritesMarkdownAndJson()
    {
        using var scratch = new TempDir("realign-vault-bench-test-");
        var executable = BenchOptions.FindRealign();
        Assert.NotNull(executable);
        var options = new VaultCliOptions { Sizes = [200], Modes = [VaultMode.CloudFirst], OutDir = scratch.Path, Executable = executable, CommandLine = "vault smoke test" };
        var output = new StringWriter();

        var report = await VaultCliBench.RunAsync(options, output);

        var row = Assert.Single(report.Rows);
        Assert.Equal((VaultMode.CloudFirst, 200), (row.Mode, row.Notes));
        Assert.All(row.Steps, s => Assert.True(s.Cost.IsPositive, $"{s.Name}: {s.Cost}"));
        Assert.All(new[] { row.ImportPerSecond, row.SyncUpPerSecond, row.SyncDownPerSecond }, rate => Assert.True(double.IsFinite(rate) && rate > 0, $"rate {rate}"));
        Assert.True(row.ServerPeakRssMb > 0);
        Assert.True(report.MeanNoteBytes is > 250 and < 350, $"mean note {report.MeanNoteBytes} bytes");
        Assert.Contains("| 200 |", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("import files/s", await File.ReadAllTextAsync(Path.Combine(scratch.Path, "vault.md")), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(scratch.Path, "vault.json")));
        Assert.Equal(200, json.RootElement.GetProperty("rows")[0].GetProperty("notes").GetInt32());
        Assert.True(json.RootElement.GetProperty("runs")[0].GetProperty("steps").GetProperty("import").GetProperty("wall_ms").GetDouble() > 0);
        Assert.Empty(Directory.GetDirectories(scratch.Path));
    }
}
