using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Realign.Benchmarks;

/// <summary>The comparison table: one row per backend and size, with the ratios to the raw driver and the scaling of cost per item.</summary>
public sealed record CompareReport(IReadOnlyList<CompareRow> Rows, IReadOnlyList<VaultRow> Vaults, int PayloadBytes, int BatchSize, int PageSize, int Repeat, DateTimeOffset At)
{
    /// <summary>Cost per pushed item at this row's size over the cost at the backend's smallest size.</summary>
    public double PushScaling(CompareRow row) => Scaling(row, r => r.PushMicrosPerItem);

    /// <summary>Cost per pulled item at this row's size over the cost at the backend's smallest size.</summary>
    public double PullScaling(CompareRow row) => Scaling(row, r => r.PullMicrosPerItem);

    private double Scaling(CompareRow row, Func<CompareRow, double> cost)
    {
        ArgumentNullException.ThrowIfNull(row);
        var smallest = Rows.Where(r => r.Backend == row.Backend && r.Workload == row.Workload).MinBy(r => r.Items)!;
        return cost(row) / cost(smallest);
    }

    /// <summary>The table as Markdown, with a line on the setup.</summary>
    public string ToMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine(c, $"Items of {PayloadBytes} bytes of payload, push batches of {BatchSize}, pull pages of {PageSize}; best of {Repeat} run(s); {At:yyyy-MM-dd HH:mm} UTC.");
        s.AppendLine();
        s.AppendLine("Workload `real`: random UUID ids; the server's database and the raw table already hold at least as many entities of another");
        s.AppendLine("tenant; the client parses every pulled head into a `SyncItem` and the raw read parses every row's head the same way.");
        s.AppendLine("Workload `fresh` (the earlier rounds): sequential ids, a database holding only the warm-up tenant, heads decoded to strings, not parsed.");
        s.AppendLine();
        s.AppendLine("| backend | workload | items | other entities | push items/s | raw upsert/s | push ratio | pull items/s | raw read/s | pull ratio | push µs/item (x smallest) | pull µs/item (x smallest) | server peak RSS MB |");
        s.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in Rows)
        {
            var rss = r.ServerPeakRssMb.ToString("N0", c) + (r.ServerInProcess ? " (in process)" : "");
            var others = r.Others is { } o ? o.ToString("N0", c) : "-";
            s.AppendLine(c, $"| {r.Backend} | {r.Workload} | {r.Items:N0} | {others} | {r.PushPerSecond:N0} | {r.RawUpsertPerSecond:N0} | {r.PushRatio:0.00} | {r.PullPerSecond:N0} | {r.RawReadPerSecond:N0} | {r.PullRatio:0.00} | {r.PushMicrosPerItem:0.0} ({PushScaling(r):0.00}) | {r.PullMicrosPerItem:0.0} ({PullScaling(r):0.00}) | {rss} |");
        }

        if (Rows.Any(r => r.Cpu is not null))
        {
            s.AppendLine();
            s.AppendLine("| backend | workload | items | push: server CPU µs/item | push: client CPU µs/item | pull: server CPU µs/item | pull: client CPU µs/item |");
            s.AppendLine("|---|---|---:|---:|---:|---:|---:|");
            foreach (var r in Rows.Where(r => r.Cpu is not null))
            {
                s.AppendLine(c, $"| {r.Backend} | {r.Workload} | {r.Items:N0} | {r.Cpu!.ServerPush:0.0} | {r.Cpu.ClientPush:0.0} | {r.Cpu.ServerPull:0.00} | {r.Cpu.ClientPull:0.00} |");
            }
        }

        if (Rows.Any(r => r.NativeReadPerSecond is not null))
        {
            s.AppendLine();
            s.AppendLine("Reference, not the target's measure: the same raw read through the layer under the driver (SQLitePCLRaw), which the server's pull uses.");
            s.AppendLine();
            s.AppendLine("| backend | workload | items | raw read below the driver/s | pull ratio to it |");
            s.AppendLine("|---|---|---:|---:|---:|");
            foreach (var r in Rows.Where(r => r.NativeReadPerSecond is not null))
            {
                s.AppendLine(c, $"| {r.Backend} | {r.Workload} | {r.Items:N0} | {r.NativeReadPerSecond:N0} | {r.PullRatioNative:0.00} |");
            }
        }

        if (Vaults.Count > 0)
        {
            s.AppendLine();
            s.AppendLine("| backend | vault notes | vault sync up s | fresh vault sync down s | up notes/s | down notes/s |");
            s.AppendLine("|---|---:|---:|---:|---:|---:|");
            foreach (var v in Vaults)
            {
                s.AppendLine(c, $"| {v.Backend} | {v.Notes:N0} | {v.UpSeconds:0.00} | {v.DownSeconds:0.00} | {v.Notes / v.UpSeconds:N0} | {v.Notes / v.DownSeconds:N0} |");
            }
        }

        return s.ToString();
    }

    /// <summary>The table as JSON (snake_case members).</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("at", At);
            w.WriteNumber("payload_bytes", PayloadBytes);
            w.WriteNumber("batch_size", BatchSize);
            w.WriteNumber("page_size", PageSize);
            w.WriteNumber("repeat", Repeat);
            w.WriteStartArray("rows");
            foreach (var r in Rows)
            {
                w.WriteStartObject();
                w.WriteString("backend", r.Backend);
                w.WriteString("workload", r.Workload);
                w.WriteNumber("items", r.Items);
                if (r.Others is { } others)
                {
                    w.WriteNumber("other_entities", others);
                }

                w.WriteNumber("push_per_second", Math.Round(r.PushPerSecond));
                w.WriteNumber("raw_upsert_per_second", Math.Round(r.RawUpsertPerSecond));
                w.WriteNumber("push_ratio", Math.Round(r.PushRatio, 3));
                w.WriteNumber("pull_per_second", Math.Round(r.PullPerSecond));
                w.WriteNumber("raw_read_per_second", Math.Round(r.RawReadPerSecond));
                w.WriteNumber("pull_ratio", Math.Round(r.PullRatio, 3));
                w.WriteNumber("push_micros_per_item", Math.Round(r.PushMicrosPerItem, 2));
                w.WriteNumber("pull_micros_per_item", Math.Round(r.PullMicrosPerItem, 2));
                w.WriteNumber("push_cost_vs_smallest", Math.Round(PushScaling(r), 3));
                w.WriteNumber("pull_cost_vs_smallest", Math.Round(PullScaling(r), 3));
                w.WriteNumber("server_peak_rss_mb", Math.Round(r.ServerPeakRssMb, 1));
                w.WriteBoolean("server_in_process", r.ServerInProcess);
                if (r.NativeReadPerSecond is { } native)
                {
                    w.WriteNumber("raw_native_read_per_second", Math.Round(native));
                    w.WriteNumber("pull_ratio_native", Math.Round(r.PullPerSecond / native, 3));
                }

                if (r.Cpu is { } cpu)
                {
                    w.WriteStartObject("cpu_micros_per_item");
                    w.WriteNumber("push_server", Math.Round(cpu.ServerPush, 2));
                    w.WriteNumber("push_client", Math.Round(cpu.ClientPush, 2));
                    w.WriteNumber("pull_server", Math.Round(cpu.ServerPull, 2));
                    w.WriteNumber("pull_client", Math.Round(cpu.ClientPull, 2));
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("vault");
            foreach (var v in Vaults)
            {
                w.WriteStartObject();
                w.WriteString("backend", v.Backend);
                w.WriteNumber("notes", v.Notes);
                w.WriteNumber("up_seconds", Math.Round(v.UpSeconds, 3));
                w.WriteNumber("down_seconds", Math.Round(v.DownSeconds, 3));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
