using System.Globalization;
using System.Text.RegularExpressions;
using Realign.Assist.Builtin;

namespace Realign.Assist.Tests.Builtin;

public sealed class TagSuggesterTests
{
    [Theory]
    [MemberData(nameof(NoteCorpus.Ids), MemberType = typeof(NoteCorpus))]
    public void TheSameNote_GetsTheSameTags_OnEveryRun(string id)
    {
        var note = NoteCorpus.Get(id);
        var first = TagSuggester.Suggest(note.Title, note.Text);
        var second = TagSuggester.Suggest(new string(note.Title), new string(note.Text));
        Assert.Equal(first, second);
        Assert.Equal(5, first.Count);
    }

    [Theory]
    [MemberData(nameof(NoteCorpus.Ids), MemberType = typeof(NoteCorpus))]
    public void EveryTag_KeepsTheRules(string id)
    {
        var note = NoteCorpus.Get(id);
        foreach (var tag in TagSuggester.Suggest(note.Title, note.Text, 50))
        {
            Assert.Matches(new Regex(@"^[\p{Ll}\p{Lo}\p{Nd}\p{Mn}-]{3,32}$"), tag);
            Assert.Contains(tag, c => char.IsLetter(c));
            Assert.DoesNotContain('#', tag);
            Assert.False(StopWords.Contains(tag), tag);
        }
    }

    [Fact]
    public void TheSourdoughNote_IsTaggedWithItsSubject()
    {
        var note = NoteCorpus.Sourdough;
        var tags = TagSuggester.Suggest(note.Title, note.Text);
        Assert.Equal(["baking", "bread", "sourdough", "flour", "starter"], tags);
    }

    [Fact]
    public void AHashtagUsedOnce_OutweighsAWordUsedThreeTimes()
    {
        const string text = "Dough, dough and more dough. Mix it with salt. #weekend";
        Assert.Equal(["weekend", "dough", "mix", "salt"], TagSuggester.Suggest("", text));
    }

    [Fact]
    public void AnEmailAddress_GivesNoTags()
    {
        Assert.Equal(["invoice", "write"], TagSuggester.Suggest("", "Write to dana.smith@example.org about the invoice."));
    }

    [Theory]
    [InlineData("the and for with this that from your have will")]
    [InlineData("und der die das ist nicht mit auch eine für")]
    [InlineData("les des une pour dans avec est pas sur vous")]
    [InlineData("los las una para con por del que pero como")]
    [InlineData("TODO: FIXME todo")]
    public void StopWords_AreNeverTags(string words)
    {
        Assert.Empty(TagSuggester.Suggest(words, words + " " + words));
        var tags = TagSuggester.Suggest("", words + " bakery " + words, 20);
        Assert.Equal(["bakery"], tags);
    }

    [Theory]
    [InlineData("2026 12345 3-4 2026-12-24 24.12.2026 14:30")]
    [InlineData("ab an it is of")]
    [InlineData("```\nflour flour flour\n```")]
    [InlineData("and https://flour.example/flour and [x](http://flour.example) <https://flour.example> www.flour.example")]
    [InlineData("[x]: https://flour.example/flour\n<!-- flour flour -->")]
    public void NumbersShortWordsCodeAndUrls_AreNotTags(string text) => Assert.Empty(TagSuggester.Suggest("", text, 20));

    [Fact]
    public void TitleWords_WeighMoreThanTextWords()
    {
        Assert.Equal(["apple", "mango", "zebra"], TagSuggester.Suggest("", "zebra mango apple"));
        Assert.Equal(["zebra", "apple", "mango"], TagSuggester.Suggest("Zebra", "zebra mango apple"));
    }

    [Fact]
    public void HeadingWords_WeighMoreThanTextWords() =>
        Assert.Equal(["zebra", "apple", "mango"], TagSuggester.Suggest("", "## Zebra\nmango apple"));

    [Fact]
    public void Ties_AreBrokenOrdinally() =>
        Assert.Equal(["bread", "oven", "rye", "éclair"], TagSuggester.Suggest("", "rye éclair oven bread"));

    [Fact]
    public void SingularAndPlural_AreOneTag_SpelledTheWayTheyWeighMost()
    {
        Assert.Equal(["notes", "loaves"], TagSuggester.Suggest("", "note notes notes loaves"));
        Assert.Equal(["glass", "status"], TagSuggester.Suggest("", "glass status"));
    }

    [Fact]
    public void Words_AreLowerCasedAndComposed_AndKeepTheirLettersAndHyphens()
    {
        var tags = TagSuggester.Suggest("", "Cafe\u0301 Straße LOCAL-FIRST -dash- Anna's don't l'eau", 10);
        Assert.Equal(["anna", "café", "dash", "eau", "local-first", "straße"], tags.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void MaxTags_LimitsTheTags()
    {
        var note = NoteCorpus.Lisbon;
        Assert.Equal(TagSuggester.Suggest(note.Title, note.Text, 5).Take(2), TagSuggester.Suggest(note.Title, note.Text, 2));
        Assert.Empty(TagSuggester.Suggest(note.Title, note.Text, 0));
    }

    [Fact]
    public void ALongWord_IsNoTag()
    {
        var tags = TagSuggester.Suggest("", new string('a', 33) + " " + new string('b', 32));
        Assert.Equal([new string('b', 32)], tags);
    }

    [Theory]
    [InlineData("tr-TR")]
    [InlineData("de-DE")]
    [InlineData("ja-JP")]
    public void TheCurrentCulture_ChangesNothing(string culture)
    {
        var note = NoteCorpus.Standup;
        var invariant = TagSuggester.Suggest("INFO Istanbul", note.Text, 10);
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            Assert.Equal(invariant, TagSuggester.Suggest("INFO Istanbul", note.Text, 10));
            Assert.Contains("info", invariant);
            Assert.Contains("istanbul", invariant);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
