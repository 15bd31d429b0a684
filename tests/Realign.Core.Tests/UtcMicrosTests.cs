using System.Text;
using CsCheck;
using Realign.Core.Truth;

namespace Realign.Core.Tests;

public sealed class UtcMicrosTests
{
    private static readonly long MinMicros = (DateTime.MinValue.Ticks - DateTime.UnixEpoch.Ticks) / 10;
    private static readonly long MaxMicros = (DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    [Fact]
    public void Format_AnyInstant_SameTextAsThePatternAndUtf8AndParsesBack()
    {
        Gen.Long[MinMicros, MaxMicros].Sample(
            micros =>
            {
                var expected = UtcMicros.FormatWithPattern(micros);
                Assert.Equal(expected, UtcMicros.Format(micros));
                Span<byte> utf8 = stackalloc byte[UtcMicros.WireLength];
                Assert.Equal(UtcMicros.WireLength, UtcMicros.FormatUtf8(micros, utf8));
                Assert.Equal(expected, Encoding.UTF8.GetString(utf8));
                Assert.True(UtcMicros.TryParse(expected, out var back));
                Assert.Equal(micros, back);
            },
            iter: 20_000);
    }

    [Theory]
    [InlineData(0L, "1970-01-01T00:00:00.000000Z")]
    [InlineData(1_767_225_600_000_001L, "2026-01-01T00:00:00.000001Z")]
    [InlineData(-1L, "1969-12-31T23:59:59.999999Z")]
    public void Format_KnownInstants(long micros, string text) => Assert.Equal(text, UtcMicros.Format(micros));
}
