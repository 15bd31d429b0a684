using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Realign.Core.Contract;

namespace Realign.Benchmarks;

/// <summary>What a person waits for with a vault, measured through the real CLI: a folder of Markdown notes imported, synced
/// up, synced down into a fresh vault, a sync with nothing to do, a sync of one change, and the start of the CLI; each step a
/// separate <c>realign</c> process against a child <c>realign serve</c> on 127.0.0.1.</summary>
/// <remarks>Each mode, size and run gets a fresh working folder (server data, notes, two vaults), deleted afterwards unless
/// <see cref="VaultCliOptions.Keep"/>. The server of a run is killed when the run ends, failed or not; the steps run one at a
/// time, so each one's CPU time is its own (<see cref="CliChild"/>).</remarks>
public static partial class VaultCliBench
{
    /// <summary>Runs every mode and size, prints the progress and the tables to <paramref name="output"/>, and writes
    /// <c>vault.md</c> and <c>vault.json</c> into the output folder (a new temporary folder when none is given).</summary>
    public static async Task<VaultCliReport> RunAsync(VaultCliOptions options, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var outDir = options.OutDir is { } given ? Path.GetFullPath(given) : Directory.CreateTempSubdirectory("realign-vault-bench-").FullName;
        Directory.CreateDirectory(outDir);
        output.WriteLine($"vault bench: report in {outDir}");
        var runs = new List<VaultCliFigures>();
        long noteBytes = 0;
        long noteFiles = 0;
        foreach (var mode in options.Modes)
        {
            foreach (var size in options.Sizes)
            {
                for (var run = 1; run <= Math.Max(1, options.Repeat); run++)
                {
                    var work = Path.Combine(outDir, string.Create(CultureInfo.InvariantCulture, $"{mode.ToWire()}-{size}-run{run}"));
                    try
                    {
                        var (figures, bytes) = await MeasureOnceAsync(options, mode, size, work, cancellationToken);
                        runs.Add(figures);
                        noteBytes += bytes;
                        noteFiles += size;
                        output.WriteLine(Describe(figures, run));
                    }
                    finally
                    {
                        if (!options.Keep && Directory.Exists(work))
                        {
                            Directory.Delete(work, recursive: true);
                        }
                    }
                }
            }
        }

        var report = new VaultCliReport(runs, Math.Max(1, options.Repeat), (double)noteBytes / noteFiles, options.CommandLine, DateTimeOffset.UtcNow);
        var markdown = report.ToMarkdown();
        output.WriteLine();
        output.Write(markdown);
        await File.WriteAllTextAsync(Path.Combine(outDir, "vault.md"), markdown, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(outDir, "vault.json"), report.ToJson(), cancellationToken);
        output.WriteLine();
        output.WriteLine($"wrote {Path.Combine(outDir, "vault.md")} and vault.json{(options.Keep ? "; working folders kept there" : "")}");
        return report;
    }

    private static async Task<(VaultCliFigures Figures, long NoteBytes)> MeasureOnceAsync(VaultCliOptions options, VaultMode mode, int size, string work, CancellationToken cancellationToken)
    {
        if (Directory.Exists(work))
        {
            throw new InvalidOperationException($"the working folder '{work}' exists already (left by an earlier --keep run?); give another --out");
        }

        Directory.CreateDirectory(work);
        var data = Path.Combine(work, "srv");
        var notes = Path.Combine(work, "notes");
        var first = Path.Combine(work, "v1");
        var second = Path.Combine(work, "v2");
        var cli = new Steps(options, work, cancellationToken);
        await using var server = await CliServer.StartAsync(options.Executable, data, cancellationToken);
        await cli.RunAsync("admin tenant add", null, "admin", "tenant", "add", "bench", "--mode", mode.ToWire(), "--data", data);
        var issued = await cli.RunAsync("admin token add", null, "admin", "token", "add", "--tenant", "bench", "--as", "user:desktop", "--can-accept", "--data", data);
        var token = issued.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
        if (!token.StartsWith("rlt_", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"admin token add printed no token as its last line:{Environment.NewLine}{issued.Stdout}");
        }

        var noteBytes = NoteFiles.Write(notes, size);
        string[] key = [];
        if (mode == VaultMode.LocalFirst)
        {
            var keyFile = Path.Combine(work, "vault.key");
            await File.WriteAllBytesAsync(keyFile, RandomNumberGenerator.GetBytes(32), cancellationToken);
            key = ["--key-file", keyFile];
        }

        var url = server.BaseAddress.ToString().TrimEnd('/');
        await cli.RunAsync("vault init v1", null, ["vault", "init", first, "--server", url, "--token", token, .. key]);
        await cli.RunAsync("vault init v2", null, ["vault", "init", second, "--server", url, "--token", token, .. key]);

        var import = await cli.RunAsync("import", first, "watch", notes, "--once", "--offline");
        Check(import, ImportedLine().Match(import.Stdout) is { Success: true } m && m.Groups[1].Value == size.ToString(CultureInfo.InvariantCulture), $"import: {size} new files");
        var up = await cli.RunAsync("sync up", first, "sync");
        Check(up, Synced(up).Pushed == size, $"sync up: {size} notes pushed");
        var down = await cli.RunAsync("fresh sync down", second, "sync");
        Check(down, Synced(down).Pulled >= size, $"fresh sync down: at least {size} notes pulled");
        var idle = await cli.RunAsync("nothing to do", second, "sync");
        Check(idle, Synced(idle) == (0, 0), "nothing to do: nothing pushed or pulled");
        await cli.RunAsync("note add", first, "note", "add", "One more", "--body", "x");
        var one = await cli.RunAsync("one change", first, "sync");
        Check(one, Synced(one).Pushed == 1, "one change: one note pushed");
        var start = await cli.RunAsync("process start", first, "status");
        var figures = new VaultCliFigures(mode, size, import.Cost, up.Cost, down.Cost, idle.Cost, one.Cost, start.Cost, server.PeakRssMb() ?? double.NaN);
        return (figures, noteBytes);
    }

    private static string Describe(VaultCliFigures f, int run) => string.Create(CultureInfo.InvariantCulture,
        $"  {f.Mode.ToWire()} {f.Notes:N0} run {run}: import {f.Import.WallMs / 1000:0.00} s ({f.ImportPerSecond:N0} files/s, {f.Import.PeakRssMb:N0} MB), sync up {f.SyncUp.WallMs / 1000:0.00} s ({f.SyncUpPerSecond:N0}/s, {f.SyncUp.PeakRssMb:N0} MB), fresh sync down {f.SyncDown.WallMs / 1000:0.00} s ({f.SyncDownPerSecond:N0}/s, {f.SyncDown.PeakRssMb:N0} MB), nothing to do {f.NothingToDo.WallMs:N0} ms, one change {f.OneChange.WallMs:N0} ms, process start {f.ProcessStart.WallMs:N0} ms");

    private static (int Pushed, int Pulled) Synced(CliChildResult result)
    {
        var match = SyncedLine().Match(result.Stdout);
        return match.Success
            ? (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture))
            : (-1, -1);
    }

    private static void Check(CliChildResult result, bool held, string expected)
    {
        if (!held)
        {
            throw new InvalidOperationException($"expected {expected}; the output was:{Environment.NewLine}{result.Stdout.Trim()}");
        }
    }

    [GeneratedRegex(@"files: (\d+) new")]
    private static partial Regex ImportedLine();

    [GeneratedRegex(@"synced: pushed (\d+), pulled (\d+)")]
    private static partial Regex SyncedLine();

    /// <summary>Runs the steps of one run as CLI children: in the run's folder, with the vault named in <c>REALIGN_VAULT</c>.</summary>
    private sealed class Steps(VaultCliOptions options, string work, CancellationToken cancellationToken)
    {
        public Task<CliChildResult> RunAsync(string what, string? vault, params string[] arguments) => RunAsync(what, vault, (IReadOnlyList<string>)arguments);

        public async Task<CliChildResult> RunAsync(string what, string? vault, IReadOnlyList<string> arguments)
        {
            // The bench's own environment must not choose the vault or the token of a step.
            var environment = new Dictionary<string, string?> { ["REALIGN_VAULT"] = vault, ["REALIGN_TOKEN"] = null };
            var result = await CliChild.RunAsync(options.Executable, arguments, work, environment, options.StepTimeout, cancellationToken);
            return result.EnsureSuccess(what);
        }
    }
}
