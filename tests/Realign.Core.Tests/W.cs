using Realign.Core.Merge;
using Realign.Core.Truth;

namespace Realign.Core.Tests;

internal static class W
{
    public static readonly EntityKey Note = new("t1", "note", "n1");

    public static long T(int second) => UtcMicros.From(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero)) + (second * 1_000_000L);

    public static Write Make(TruthLevel level, int second, string origin, params (string Field, string Json)[] fields) =>
        new(Note, new Stamp(level, T(second), origin), fields.Select(f => new KeyValuePair<string, string>(f.Field, f.Json)).ToList());

    public static Write User(int second, params (string, string)[] fields) => Make(TruthLevel.User, second, "user:desktop", fields);

    public static Write Ai(int second, params (string, string)[] fields) => Make(TruthLevel.AiCloud, second, "ai-cloud:llm", fields);

    public static string? Value(EntityState state, string field) => state.FindField(field)?.Effective?.Value;
}
