using System.Globalization;
using System.Text;
using Realign.Core.Contract;

namespace Realign.Benchmarks;

/// <summary>The vault bench's report: every run, and per mode and size the median of the runs, with the scaling of the cost
/// per note and what encryption costs.</summary>
/// <param name="Runs">Every run in the order it ran.</param>
/// <param name="Repeat">Runs of each mode and size.</param>
/// <param name="MeanNoteBytes">The mean size of a note file, in bytes.</param>
/// <param name="CommandLine">The command line that asked for the run.</param>
/// <param name="At">When the run finished.</param>
public sealed partial record VaultCliReport(IReadOnlyList<VaultCliFigures> Runs, int Repeat, double MeanNoteBytes, string CommandLine, DateTimeOffset At)
{
    /// <summary>The median of the runs per mode and size, modes and sizes in the order they ran.</summary>
    public IReadOnlyList<VaultCliFigures> Rows => Runs.GroupBy(r => (r.Mode, r.Notes)).Select(g => VaultCliFigures.Median(g.ToList())).ToList();

    /// <summary>The wall cost per note of <paramref name="step"/> at <paramref name="row"/>'s size over the cost at the smallest
    /// size of the same mode (1 at the smallest size; above 1 when a note costs more in a bigger vault).</summary>
    public double CostPerNoteVsSmallest(VaultCliFigures row, Func<VaultCliFigures, CliStepCost> step)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(step);
        var smallest = Rows.Where(r => r.Mode == row.Mode).MinBy(r => r.Notes)!;
        return row.MicrosPerNote(step(row)) / smallest.MicrosPerNote(step(smallest));
    }

    /// <summary>The wall time of <paramref name="step"/> in the local-first run of <paramref name="notes"/> notes over the
    /// cloud-first one, or null unless both modes ran at that size.</summary>
    public double? EncryptionCost(int notes, Func<VaultCliFigures, CliStepCost> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var local = Rows.SingleOrDefault(r => r.Mode == VaultMode.LocalFirst && r.Notes == notes);
        var cloud = Rows.SingleOrDefault(r => r.Mode == VaultMode.CloudFirst && r.Notes == notes);
        return local is null || cloud is null ? null : step(local).WallMs / step(cloud).WallMs;
    }

    /// <summary>The report as Markdown: per mode the rates and waits, the scaling, the full cost of each step; then what encryption costs.</summary>
    public string ToMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine(c, $"Each step is its own `realign` process (wall time, its own peak resident memory and CPU time); notes of {MeanNoteBytes:0} bytes on average; median of {Repeat} run(s); {At:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores.");
        s.AppendLine();
        s.AppendLine(c, $"Command: `{CommandLine}`");
        var rows = Rows;
        foreach (var mode in rows.Select(r => r.Mode).Distinct())
        {
            var ofMode = rows.Where(r => r.Mode == mode).ToList();
            s.AppendLine();
            s.AppendLine(c, $"#### {mode.ToWire()}");
            s.AppendLine();
            s.AppendLine("| notes | import files/s | sync up notes/s | fresh sync down notes/s | import peak MB | sync up peak MB | sync down peak MB | nothing to do ms | one change ms | process start ms |");
            s.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var r in ofMode)
            {
                s.AppendLine(c, $"| {r.Notes:N0} | {r.ImportPerSecond:N0} | {r.SyncUpPerSecond:N0} | {r.SyncDownPerSecond:N0} | {r.Import.PeakRssMb:N0} | {r.SyncUp.PeakRssMb:N0} | {r.SyncDown.PeakRssMb:N0} | {r.NothingToDo.WallMs:N0} | {r.OneChange.WallMs:N0} | {r.ProcessStart.WallMs:N0} |");
            }

            if (ofMode.Count > 1)
            {
                var smallest = ofMode.MinBy(r => r.Notes)!;
                var largest = ofMode.MaxBy(r => r.Notes)!;
                s.AppendLine();
                s.AppendLine(c, $"Cost per note at {largest.Notes:N0} notes over the cost at {smallest.Notes:N0} (µs/note, wall): import {CostPerNoteVsSmallest(largest, r => r.Import):0.00}, sync up {CostPerNoteVsSmallest(largest, r => r.SyncUp):0.00}, fresh sync down {CostPerNoteVsSmallest(largest, r => r.SyncDown):0.00}.");
            }

            s.AppendLine();
            s.AppendLine("| notes | step | wall ms | CPU ms (user + system) | µs/note (wall) | peak MB |");
            s.AppendLine("|---:|---|---:|---:|---:|---:|");
            foreach (var r in ofMode)
            {
                foreach (var (name, cost) in r.Steps)
                {
                    var perNote = name is "import" or "sync_up" or "sync_down" ? r.MicrosPerNote(cost).ToString("N1", c) : "";
                    s.AppendLine(c, $"| {r.Notes:N0} | {name.Replace('_', ' ')} | {cost.WallMs:N0} | {cost.CpuMs:N0} | {perNote} | {cost.PeakRssMb:N0} |");
                }
            }
        }

        var both = rows.Where(r => r.Mode == VaultMode.LocalFirst).Select(r => r.Notes).Where(n => EncryptionCost(n, r => r.Import) is not null).ToList();
        if (both.Count > 0)
        {
            s.AppendLine();
            s.AppendLine("#### What encryption costs: local_first wall time over cloud_first");
            s.AppendLine();
            s.AppendLine("| notes | import | sync up | fresh sync down | nothing to do | one change | process start |");
            s.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var n in both)
            {
                s.AppendLine(c, $"| {n:N0} | {EncryptionCost(n, r => r.Import):0.00} | {EncryptionCost(n, r => r.SyncUp):0.00} | {EncryptionCost(n, r => r.SyncDown):0.00} | {EncryptionCost(n, r => r.NothingToDo):0.00} | {EncryptionCost(n, r => r.OneChange):0.00} | {EncryptionCost(n, r => r.ProcessStart):0.00} |");
            }
        }

        return s.ToString();
    }
}
