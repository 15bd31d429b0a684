using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Realign.Benchmarks;

/// <summary>The many-devices table, as Markdown and JSON.</summary>
public sealed record DevicesReport(IReadOnlyList<DevicesRow> Rows, DevicesOptions Options, DateTimeOffset At)
{
    public string ToMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        var pacing = Options.Interval > TimeSpan.Zero ? string.Create(c, $"one round every {Options.Interval.TotalMilliseconds:N0} ms per vault") : "rounds back to back";
        s.AppendLine(c, $"{Options.Vaults} vaults of {Options.Tenants} tenants at once, {Options.Rounds} rounds each of writing {Options.NotesPerRound} notes and syncing, {pacing}; latency measured by each vault from request to the whole response; {At:yyyy-MM-dd HH:mm} UTC.");
        s.AppendLine();
        s.AppendLine("| backend | servers | wall s | syncs/s | pushed items/s | pulled items/s | push p50 ms | push p99 ms | pull p50 ms | pull p99 ms | requests | errors | server CPU s | vaults' CPU s |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in Rows)
        {
            s.AppendLine(c, $"| {r.Backend} | {r.Servers} | {r.WallSeconds:0.0} | {r.SyncsPerSecond:N1} | {r.PushPerSecond:N0} | {r.PullPerSecond:N0} | {r.Push.P50:0.0} | {r.Push.P99:0.0} | {r.Pull.P50:0.0} | {r.Pull.P99:0.0} | {r.Requests:N0} | {r.Errors} | {r.ServerCpuSeconds:0.0} | {r.ClientCpuSeconds:0.0} |");
        }

        return s.ToString();
    }

    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("at", At);
            w.WriteNumber("vaults", Options.Vaults);
            w.WriteNumber("tenants", Options.Tenants);
            w.WriteNumber("rounds", Options.Rounds);
            w.WriteNumber("notes_per_round", Options.NotesPerRound);
            w.WriteNumber("interval_ms", Options.Interval.TotalMilliseconds);
            w.WriteStartArray("rows");
            foreach (var r in Rows)
            {
                w.WriteStartObject();
                w.WriteString("backend", r.Backend);
                w.WriteNumber("servers", r.Servers);
                w.WriteNumber("pushed", r.Pushed);
                w.WriteNumber("pulled", r.Pulled);
                w.WriteNumber("wall_seconds", Math.Round(r.WallSeconds, 3));
                w.WriteNumber("syncs_per_second", Math.Round(r.SyncsPerSecond, 2));
                w.WriteNumber("push_per_second", Math.Round(r.PushPerSecond));
                w.WriteNumber("pull_per_second", Math.Round(r.PullPerSecond));
                Latency(w, "push", r.Push);
                Latency(w, "pull", r.Pull);
                w.WriteNumber("requests", r.Requests);
                w.WriteNumber("errors", r.Errors);
                w.WriteNumber("diverged", r.Diverged);
                w.WriteNumber("server_cpu_seconds", Math.Round(r.ServerCpuSeconds, 2));
                w.WriteNumber("vaults_cpu_seconds", Math.Round(r.ClientCpuSeconds, 2));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());

        static void Latency(Utf8JsonWriter w, string name, LatencySummary l)
        {
            w.WriteStartObject(name);
            w.WriteNumber("requests", l.Count);
            w.WriteNumber("p50_ms", Math.Round(l.P50, 2));
            w.WriteNumber("p99_ms", Math.Round(l.P99, 2));
            w.WriteNumber("max_ms", Math.Round(l.Max, 2));
            w.WriteEndObject();
        }
    }
}
