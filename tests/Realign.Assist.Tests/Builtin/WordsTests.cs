using Realign.Assist.Builtin;

namespace Realign.Assist.Tests.Builtin;

public sealed class WordsTests
{
    [Theory]
    [InlineData("notes", "note")]
    [InlineData("loaves", "loave")]
    [InlineData("glass", "glass")]
    [InlineData("status", "status")]
    [InlineData("analysis", "analysis")]
    [InlineData("gas", "gas")]
    [InlineData("bread", "bread")]
    public void Stem_FoldsAPluralS_Only(string word, string stem) => Assert.Equal(stem, Words.Stem(word));

    [Fact]
    public void Scan_ReadsHashtags_ButNotHeadingsAnchorsOrEntities()
    {
        var words = Words.Scan("#baking and (#rye) but C#sharp, a&#bread; x/#path ## heading #1st");
        Assert.Equal([("baking", true), ("rye", true), ("sharp", false), ("bread", false), ("path", false), ("heading", false), ("1st", false)],
            words.Select(w => (w.Text, w.IsHashtag)));
    }

    [Fact]
    public void Mask_KeepsLengthAndLineBreaks_AndBlanksCodeAndUrls()
    {
        const string text = "Read [guide](https://a.example/x) now\r\n```\ncode here\n```\nsee https://b.example/y.";
        var masked = MarkdownText.Mask(text);
        Assert.Equal(text.Length, masked.Length);
        Assert.Equal(text.Select((c, i) => c is '\n' or '\r' ? i : -1).Where(i => i >= 0), masked.Select((c, i) => c is '\n' or '\r' ? i : -1).Where(i => i >= 0));
        Assert.Equal(["read", "guide", "see"], Words.Scan(masked).Select(w => w.Text));
        Assert.EndsWith(".", masked, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(2.0)]
    [InlineData(1.4142)]
    [InlineData(1.4143)]
    [InlineData(3.0)]
    [InlineData(7.5)]
    [InlineData(1e-10)]
    [InlineData(123456789.0)]
    [InlineData(1e300)]
    public void Ln_AgreesWithTheRuntimesLogarithm(double x) =>
        Assert.InRange(DeterministicMath.Ln(x) - Math.Log(x), -4e-16 * Math.Max(1, Math.Abs(Math.Log(x))), 4e-16 * Math.Max(1, Math.Abs(Math.Log(x))));

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Ln_RefusesWhatHasNoLogarithm(double x) => Assert.Throws<ArgumentOutOfRangeException>(() => DeterministicMath.Ln(x));
}
