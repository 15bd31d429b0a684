using System.Globalization;
using Realign.Core.Merge;
using Realign.Core.Truth;

namespace Realign.Bench;

/// <summary>Deterministic merge workloads: entities, writes of every level, interleaved like real sync traffic.</summary>
public static class Workload
{
    public static readonly string[] Origins = ["user:desktop", "automation:rule-1", "ai-local:extractive-v1", "ai-lan:qwen", "ai-cloud:llama"];

    private static readonly string[] FieldNames = ["title", "body", "tags", "due", "priority", "summary", "project", "status"];

    public static int IndexOf(EntityKey key) => int.Parse(key.EntityId.AsSpan(2), CultureInfo.InvariantCulture);

    public static (EntityKey[] Keys, Write[] Writes) Build(int seed)
    {
        var random = new Random(seed);
        var keys = Enumerable.Range(0, MergeBenchmarks.Entities).Select(i => new EntityKey("t", "note", $"n-{i}")).ToArray();
        var writes = new List<Write>(MergeBenchmarks.Entities * MergeBenchmarks.WritesPerEntity);
        var start = UtcMicros.From(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        for (var round = 0; round < MergeBenchmarks.WritesPerEntity; round++)
        {
            foreach (var key in keys)
            {
                var level = (TruthLevel)random.Next(1, 6);
                var fields = new List<KeyValuePair<string, string>>(MergeBenchmarks.FieldsPerWrite);
                var offset = random.Next(FieldNames.Length);
                for (var f = 0; f < MergeBenchmarks.FieldsPerWrite; f++)
                {
                    fields.Add(new(FieldNames[(offset + f) % FieldNames.Length], $"\"value {random.Next(1000)}\""));
                }

                var at = start + (round * 1_000_000L) + random.Next(-500_000, 500_000);
                writes.Add(new Write(key, new Stamp(level, at, Origins[(int)level - 1]), fields));
            }
        }

        return (keys, writes.ToArray());
    }
}
