using Realign.Core.Merge;
using Realign.Core.Truth;

namespace Realign.Core.Tests;

internal static class HistoryGenerator
{
    private static readonly string[] Fields = ["title", "body", "status", "owner_id"];
    private static readonly string[] Values = ["\"a\"", "\"b\"", "\"c\"", "null", "1", "{\"x\":[1,2]}"];
    private static readonly (TruthLevel Level, string Origin)[] Writers =
    [
        (TruthLevel.User, "user:desktop"),
        (TruthLevel.User, "user:web"),
        (TruthLevel.Automation, "automation:rule-1"),
        (TruthLevel.AiLocal, "ai-local:m"),
        (TruthLevel.AiLan, "ai-lan:m"),
        (TruthLevel.AiCloud, "ai-cloud:m"),
        (TruthLevel.AiCloud, "ai-cloud:n"),
    ];

    public static readonly EntityKey[] Keys = [new("t", "note", "e1"), new("t", "task", "e2")];

    public static List<Write> History(int seed)
    {
        var random = new Random(seed);
        var count = random.Next(1, 24);
        var writes = new List<Write>(count);
        for (var i = 0; i < count; i++)
        {
            var key = Keys[random.Next(Keys.Length)];
            var (level, origin) = Writers[random.Next(Writers.Length)];
            var at = W.T(random.Next(0, 6));
            string? acceptedFrom = null;
            if (level == TruthLevel.User && random.Next(5) == 0)
            {
                acceptedFrom = Writers[random.Next(2, Writers.Length)].Origin;
            }

            var deleted = random.Next(6) == 0;
            var fields = new List<KeyValuePair<string, string>>();
            if (!deleted)
            {
                foreach (var field in Fields)
                {
                    if (field == "owner_id" && level != TruthLevel.User)
                    {
                        continue;
                    }

                    if (random.Next(2) == 0)
                    {
                        fields.Add(new(field, Values[random.Next(Values.Length)]));
                    }
                }
            }

            writes.Add(new Write(key, new Stamp(level, at, origin), fields, deleted, acceptedFrom));
        }

        return writes;
    }

    public static List<Write> Shuffled(List<Write> writes, int seed)
    {
        var random = new Random(seed);
        var result = new List<Write>(writes);
        var duplicates = random.Next(0, writes.Count + 1);
        for (var i = 0; i < duplicates; i++)
        {
            result.Add(writes[random.Next(writes.Count)]);
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(result));
        return result;
    }

    public static Dictionary<EntityKey, EntityState> ApplyAll(IEnumerable<Write> writes)
    {
        var states = new Dictionary<EntityKey, EntityState>();
        foreach (var write in writes)
        {
            if (!states.TryGetValue(write.Key, out var state))
            {
                state = new EntityState(write.Key);
                states.Add(write.Key, state);
            }

            EntityMerger.Apply(state, write, SchemaPolicy.Default);
        }

        return states;
    }

    public static string Describe(List<Write> writes) => string.Join(
        "\n",
        writes.Select(w => $"{w.Key.EntityId} {w.Stamp} del={w.Deleted} acc={w.AcceptedFrom} {string.Join(",", w.Fields.Select(f => $"{f.Key}={f.Value}"))}"));
}
