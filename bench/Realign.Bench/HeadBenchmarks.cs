using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Rules;
using Realign.Core.Truth;

namespace Realign.Bench;

/// <summary>Writing one entity head (what the server does for every changed entity of a push): a note of the compare benchmark's
/// shape, a 240-character body, a title and two tags, written by a user.</summary>
[MemoryDiagnoser]
public class HeadBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private EntityState _state = null!;

    [GlobalSetup]
    public void Setup()
    {
        var body = string.Concat(Enumerable.Repeat("lorem ipsum dolor sit amet ", 10))[..240];
        var item = JsonSerializer.Deserialize(
            "{\"entity_type\":\"note\",\"entity_id\":\"n0000042\",\"truth_level\":1,\"origin_source\":\"user:desktop\",\"last_modified_at\":\"2026-01-01T00:00:00.000000Z\"," +
            "\"payload\":{\"title\":\"Note 42\",\"body\":\"" + body + "\",\"tags\":[\"a\",\"b\"]}}",
            RealignJsonContext.Default.SyncItem)!;
        var scope = PrincipalScope.For("t_bench", "bench", PrincipalKind.UserDevice, "desktop", canAccept: true);
        var now = UtcMicros.From(new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero));
        var write = ItemAdmission.Admit(item, 0, scope, SchemaPolicy.Default, now).Write ?? throw new InvalidOperationException("the bench item was refused");
        _state = new EntityState(write.Key);
        EntityMerger.Apply(_state, write, SchemaPolicy.Default);
    }

    [Benchmark]
    public int WriteHead()
    {
        _buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_buffer);
        HeadWriter.Write(writer, _state);
        writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public string FormatInstant() => UtcMicros.Format(1_767_225_600_123_456L);
}
