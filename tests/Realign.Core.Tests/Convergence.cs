using Realign.Core.Merge;

namespace Realign.Core.Tests;

internal static class Convergence
{
    public static string? Difference(Dictionary<EntityKey, EntityState> a, Dictionary<EntityKey, EntityState> b)
    {
        foreach (var key in a.Keys.Union(b.Keys))
        {
            if (!a.TryGetValue(key, out var x) || !b.TryGetValue(key, out var y))
            {
                return $"{key} exists on one side only";
            }

            var why = Difference(x, y);
            if (why is not null)
            {
                return $"{key}: {why}";
            }
        }

        return null;
    }

    public static string? Difference(EntityState x, EntityState y)
    {
        if (!x.SameRegisters(y))
        {
            return $"registers differ:\n{Dump(x)}\nvs\n{Dump(y)}";
        }

        if (x.TruthLevel != y.TruthLevel || x.AcceptedByUser != y.AcceptedByUser || x.IsDeleted != y.IsDeleted)
        {
            return "derived fields differ";
        }

        var px = string.Join(",", x.PendingProposals().Select(p => p.Id).Order(StringComparer.Ordinal));
        var py = string.Join(",", y.PendingProposals().Select(p => p.Id).Order(StringComparer.Ordinal));
        return px == py ? null : $"pending proposals differ: {px} vs {py}";
    }

    public static string Dump(EntityState state)
    {
        var lines = new List<string> { $"  _deleted: {DumpField(state.Deleted)}" };
        lines.AddRange(state.Fields.Select(f => $"  {f.Key}: {DumpField(f.Value)}"));
        return string.Join("\n", lines);
    }

    private static string DumpField(FieldState field) =>
        $"user={field.User?.Value}@{field.User?.Stamp} others=[{string.Join("; ", field.Others.Select(o => $"{o.Value}@{o.Stamp}"))}]";
}
