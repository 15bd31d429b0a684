using Realign.Assist.Builtin;

namespace Realign.Assist.Tests.Builtin;

public sealed class ExtractiveSummaryTests
{
    [Theory]
    [MemberData(nameof(NoteCorpus.Ids), MemberType = typeof(NoteCorpus))]
    public void EverySentence_IsTheNotesTextAtItsSpan(string id)
    {
        var note = NoteCorpus.Get(id);
        var summary = ExtractiveSummary.Summarise(note.Title, note.Text, 2);
        Assert.Equal(2, summary.Count);
        foreach (var sentence in summary)
        {
            Assert.Equal(note.Text.Substring(sentence.Start, sentence.Length), sentence.Text);
            Assert.Equal(sentence.Text.Trim(), sentence.Text);
        }

        Assert.True(summary[0].Start + summary[0].Length <= summary[1].Start);
    }

    [Fact]
    public void TheMostCentralSentence_IsChosen()
    {
        const string text = "We walked to the market on Saturday morning. " +
            "The stalls sold apples, pears and plums from the valley. " +
            "Our plum jam uses ripe plums, a few pears, apples for pectin and very little sugar. " +
            "Afterwards we had coffee. " +
            "The jam keeps for a year when the plums are cooked long enough.";
        var summary = ExtractiveSummary.Summarise("Saturday", text, 1);
        var sentence = Assert.Single(summary);
        Assert.Equal("Our plum jam uses ripe plums, a few pears, apples for pectin and very little sugar.", sentence.Text);
    }

    [Fact]
    public void TheSourdoughNote_IsSummarisedByItsStarterAndDoughSentences()
    {
        var note = NoteCorpus.Sourdough;
        var summary = ExtractiveSummary.Summarise(note.Title, note.Text, 1);
        Assert.Equal("The dough for a sourdough loaf needs strong bread flour, water, salt and a spoon of active starter.", Assert.Single(summary).Text);
    }

    [Fact]
    public void FewerSentencesThanTheMaximum_AreAllReturnedInOrder()
    {
        const string text = "Buy flour. Feed the starter!\n\nBake on Sunday?";
        var summary = ExtractiveSummary.Summarise("Bread", text, 5);
        Assert.Equal(["Buy flour.", "Feed the starter!", "Bake on Sunday?"], summary.Select(s => s.Text));
        Assert.Equal([0, 11, 30], summary.Select(s => s.Start));
    }

    [Fact]
    public void TheChosenSentences_AreInDocumentOrder()
    {
        var note = NoteCorpus.Standup;
        var summary = ExtractiveSummary.Summarise(note.Title, note.Text, 3);
        Assert.Equal(3, summary.Count);
        Assert.Equal(summary.OrderBy(s => s.Start).Select(s => s.Start), summary.Select(s => s.Start));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t\r\n")]
    public void BlankText_HasNoSummary(string text) => Assert.Empty(ExtractiveSummary.Summarise("Title", text));

    [Fact]
    public void ZeroSentences_IsAnEmptySummary() => Assert.Empty(ExtractiveSummary.Summarise("Bread", "Bake bread.", 0));

    [Fact]
    public void HeadingsCodeAndRules_AreNotSentences_ListItemsAreWithoutTheirBullets()
    {
        const string text = "# Bread plan\n\n```\nvar x = 1. Not prose.\n```\n\n---\n\n- [ ] Feed the starter\n* Mix the dough. Rest it\n> Quoted advice here.\n| a | b |";
        var summary = ExtractiveSummary.Summarise("Bread", text, 10);
        Assert.Equal(["Feed the starter", "Mix the dough.", "Rest it", "Quoted advice here."], summary.Select(s => s.Text));
        Assert.All(summary, s => Assert.Equal(text.Substring(s.Start, s.Length), s.Text));
    }

    [Theory]
    [InlineData("Use strong flour, e.g. a bread flour, for the dough. Rest it.", 2)]
    [InlineData("Dr. Miller bakes rye. Ask him.", 2)]
    [InlineData("The recipe by J. Smith works. It is old.", 2)]
    [InlineData("Mehl, z.B. Type 550, ist gut. Dann kneten.", 2)]
    [InlineData("Version 3.5 is out. It is faster.", 2)]
    [InlineData("Really?! Yes. \"Quite sure.\" Done", 4)]
    [InlineData("面包很好。我们明天烤。", 2)]
    public void Sentences_EndAtSentencePunctuationOnly(string text, int count) =>
        Assert.Equal(count, ExtractiveSummary.Summarise("", text, 10).Count);

    [Fact]
    public void ASentenceWrappedOverLines_IsOneSentence_WithItsLineBreak()
    {
        const string text = "The starter is ready when it\r\ndoubles and smells sour.\r\nThen mix.";
        var summary = ExtractiveSummary.Summarise("", text, 5);
        Assert.Equal(["The starter is ready when it\r\ndoubles and smells sour.", "Then mix."], summary.Select(s => s.Text));
    }

    [Fact]
    public void TitleWords_OutweighTheSmallBonusForComingFirst()
    {
        const string text = "Alpha beta gamma. Delta epsilon zeta.";
        Assert.Equal("Alpha beta gamma.", Assert.Single(ExtractiveSummary.Summarise("", text, 1)).Text);
        Assert.Equal("Delta epsilon zeta.", Assert.Single(ExtractiveSummary.Summarise("Zeta", text, 1)).Text);
    }

    [Fact]
    public void UrlsAndLinkTargets_AreNotScored_ButStayInTheSentence()
    {
        const string text = "Read https://bread.example/bread/bread/bread now. Bread needs flour and time. Knead the bread well.";
        var summary = ExtractiveSummary.Summarise("", text, 3);
        Assert.Equal("Read https://bread.example/bread/bread/bread now.", summary[0].Text);
        var top = Assert.Single(ExtractiveSummary.Summarise("", text, 1));
        Assert.NotEqual(0, top.Start);
    }

    [Fact]
    public void TheSameNote_GivesTheSameSummary_EveryTime()
    {
        foreach (var note in NoteCorpus.All)
        {
            Assert.Equal(ExtractiveSummary.Summarise(note.Title, note.Text, 2), ExtractiveSummary.Summarise(note.Title, note.Text, 2));
        }
    }
}
