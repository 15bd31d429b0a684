using System.Text;
using System.Text.Json;
using Realign.Core.Contract;

namespace Realign.Benchmarks;

public sealed partial record VaultCliReport
{
    /// <summary>The report as JSON (snake_case members): the medians with their derived figures, every run, and the encryption ratios.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("at", At);
            w.WriteString("command_line", CommandLine);
            w.WriteNumber("repeat", Repeat);
            w.WriteNumber("processor_count", Environment.ProcessorCount);
            w.WriteNumber("mean_note_bytes", Math.Round(MeanNoteBytes, 1));
            w.WriteNumber("rss_poll_interval_ms", CliChild.PollInterval.TotalMilliseconds);
            w.WriteStartArray("rows");
            foreach (var r in Rows)
            {
                w.WriteStartObject();
                WriteFigures(w, r);
                w.WriteNumber("import_files_per_second", Math.Round(r.ImportPerSecond, 1));
                w.WriteNumber("sync_up_notes_per_second", Math.Round(r.SyncUpPerSecond, 1));
                w.WriteNumber("sync_down_notes_per_second", Math.Round(r.SyncDownPerSecond, 1));
                w.WriteStartObject("cost_per_note_vs_smallest");
                w.WriteNumber("import", Math.Round(CostPerNoteVsSmallest(r, x => x.Import), 3));
                w.WriteNumber("sync_up", Math.Round(CostPerNoteVsSmallest(r, x => x.SyncUp), 3));
                w.WriteNumber("sync_down", Math.Round(CostPerNoteVsSmallest(r, x => x.SyncDown), 3));
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("runs");
            var seen = new Dictionary<(VaultMode, int), int>();
            foreach (var r in Runs)
            {
                var run = seen[(r.Mode, r.Notes)] = seen.GetValueOrDefault((r.Mode, r.Notes)) + 1;
                w.WriteStartObject();
                w.WriteNumber("run", run);
                WriteFigures(w, r);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("encryption_cost");
            foreach (var n in Rows.Where(r => r.Mode == VaultMode.LocalFirst).Select(r => r.Notes))
            {
                if (EncryptionCost(n, r => r.Import) is null)
                {
                    continue;
                }

                w.WriteStartObject();
                w.WriteNumber("notes", n);
                foreach (var (name, _) in Rows[0].Steps)
                {
                    w.WriteNumber(name, Math.Round(EncryptionCost(n, r => r.Steps.Single(s => s.Name == name).Cost)!.Value, 3));
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteFigures(Utf8JsonWriter w, VaultCliFigures r)
    {
        w.WriteString("mode", r.Mode.ToWire());
        w.WriteNumber("notes", r.Notes);
        w.WriteNumber("server_peak_rss_mb", Math.Round(r.ServerPeakRssMb, 1));
        w.WriteStartObject("steps");
        foreach (var (name, cost) in r.Steps)
        {
            w.WriteStartObject(name);
            w.WriteNumber("wall_ms", Math.Round(cost.WallMs, 1));
            w.WriteNumber("cpu_ms", Math.Round(cost.CpuMs, 1));
            w.WriteNumber("peak_rss_mb", Math.Round(cost.PeakRssMb, 1));
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}
