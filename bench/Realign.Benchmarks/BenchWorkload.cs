namespace Realign.Benchmarks;

/// <summary>How the compare benchmark's items look and what the database holds before the timed runs.</summary>
/// <param name="Name">The row label: <c>real</c> or <c>fresh</c>.</param>
/// <param name="RandomIds">Random UUIDs (as clients make them) rather than sequential ids (<c>n0000001</c>...).</param>
/// <param name="Prefill">The database already holds at least as many entities of another tenant as the run measures.</param>
/// <param name="ParseHeads">The client parses every pulled head into a <c>SyncItem</c>, and the raw read parses every row's
/// head the same way.</param>
public sealed record BenchWorkload(string Name, bool RandomIds, bool Prefill, bool ParseHeads)
{
    /// <summary>The conditions users have: random UUID ids, a database already holding other tenants' entities, heads parsed.</summary>
    public static BenchWorkload Real { get; } = new("real", RandomIds: true, Prefill: true, ParseHeads: true);

    /// <summary>The earlier rounds' workload: sequential ids, a database holding only the warm-up tenant, heads not parsed.</summary>
    public static BenchWorkload Fresh { get; } = new("fresh", RandomIds: false, Prefill: false, ParseHeads: false);

    /// <summary>The workload named <paramref name="name"/>, or null.</summary>
    public static BenchWorkload? Named(string name) => name switch
    {
        "real" => Real,
        "fresh" => Fresh,
        _ => null,
    };

    /// <summary>Workloads like <c>real,fresh</c>; null when a name is unknown.</summary>
    public static IReadOnlyList<BenchWorkload>? ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var list = new List<BenchWorkload>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Named(part) is not { } workload)
            {
                return null;
            }

            if (!list.Contains(workload))
            {
                list.Add(workload);
            }
        }

        return list.Count > 0 ? list : null;
    }
}
