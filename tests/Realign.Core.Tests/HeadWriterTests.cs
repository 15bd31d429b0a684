using System.Buffers;
using System.Text;
using System.Text.Json;
using CsCheck;
using Realign.Core.Contract;

namespace Realign.Core.Tests;

public sealed class HeadWriterTests
{
    [Fact]
    public void Write_AnyHistory_SameBytesAsSerializingToHeadAndPartsPointAtTheirValues()
    {
        Gen.Int.Sample(
            seed =>
            {
                foreach (var state in HistoryGenerator.ApplyAll(HistoryGenerator.History(seed)).Values)
                {
                    var expected = JsonSerializer.Serialize(EntityCodec.ToHead(state), RealignJsonContext.Default.SyncItem);
                    var buffer = new ArrayBufferWriter<byte>();
                    HeadWriter.Parts parts;
                    using (var writer = new Utf8JsonWriter(buffer))
                    {
                        parts = HeadWriter.Write(writer, state);
                    }

                    var actual = Encoding.UTF8.GetString(buffer.WrittenSpan);
                    Assert.True(expected == actual, $"seed {seed}\nexpected {expected}\nactual   {actual}");
                    using var head = JsonDocument.Parse(actual);
                    Assert.Equal(head.RootElement.GetProperty("payload").GetRawText(), Encoding.UTF8.GetString(buffer.WrittenSpan[parts.Payload]));
                    Assert.Equal(head.RootElement.GetProperty("field_stamps").GetRawText(), Encoding.UTF8.GetString(buffer.WrittenSpan[parts.FieldStamps]));
                    Assert.Equal(head.RootElement.GetProperty("origin_chain").GetRawText(), Encoding.UTF8.GetString(buffer.WrittenSpan[parts.OriginChain]));
                }
            },
            iter: 3_000);
    }
}
