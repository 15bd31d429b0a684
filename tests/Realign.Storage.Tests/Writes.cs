using Realign.Core.Merge;
using Realign.Core.Truth;

namespace Realign.Storage.Tests;

internal static class Writes
{
    public static long T(int second) => UtcMicros.From(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero)) + (second * 1_000_000L);

    public static Write Make(string tenant, string id, TruthLevel level, int second, string origin, long? baseVersion, params (string Field, string Json)[] fields) =>
        new(new EntityKey(tenant, "note", id), new Stamp(level, T(second), origin), fields.Select(f => new KeyValuePair<string, string>(f.Field, f.Json)).ToList(), BaseVersion: baseVersion);

    public static Write User(string tenant, string id, int second, params (string, string)[] fields) => Make(tenant, id, TruthLevel.User, second, "user:desktop", null, fields);

    public static Write Ai(string tenant, string id, int second, params (string, string)[] fields) => Make(tenant, id, TruthLevel.AiCloud, second, "ai-cloud:llm", null, fields);

    public static Write Delete(string tenant, string id, TruthLevel level, int second, string origin) =>
        new(new EntityKey(tenant, "note", id), new Stamp(level, T(second), origin), [], Deleted: true);

    public static BatchCommand Batch(string tenant, params Write[] writes) => new(tenant, "pr_test", Guid.NewGuid().ToString("N"), writes, T(1000));
}
