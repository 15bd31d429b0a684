using Realign.Assist.Builtin;

namespace Realign.Assist.Tests.Builtin;

public sealed class RelatedNotesTests
{
    private static int RankOf(IReadOnlyList<RelatedNote> ranked, string id)
    {
        var index = ranked.Select(r => r.Id).ToList().IndexOf(id);
        return index < 0 ? int.MaxValue : index;
    }

    [Fact]
    public void TheSourdoughNote_RanksTheOtherBakingNoteAboveTheTaxNote()
    {
        var ranked = RelatedNotes.Rank(NoteCorpus.Sourdough, NoteCorpus.All);
        Assert.Equal("cookies", ranked[0].Id);
        Assert.True(RankOf(ranked, "cookies") < RankOf(ranked, "taxes"));
        Assert.InRange(ranked[0].Score, double.Epsilon, 1);
    }

    [Fact]
    public void TheStandupNote_IsNearestToNothingAboutFood()
    {
        var ranked = RelatedNotes.Rank(NoteCorpus.Standup, NoteCorpus.All);
        Assert.DoesNotContain(ranked, r => r.Id is "cookies" or "sourdough");
    }

    [Fact]
    public void TheSource_IsNeverRanked()
    {
        var ranked = RelatedNotes.Rank(NoteCorpus.Cookies, [.. NoteCorpus.All, NoteCorpus.Cookies with { Title = "Cookies again" }]);
        Assert.DoesNotContain(ranked, r => r.Id == "cookies");
        Assert.Equal("sourdough", ranked[0].Id);
    }

    [Fact]
    public void ShuffledCandidates_GiveTheSameRankingAndScores()
    {
        var expected = RelatedNotes.Rank(NoteCorpus.Sourdough, NoteCorpus.All, 10);
        Assert.NotEmpty(expected);
        var notes = NoteCorpus.All.ToArray();
        for (var shift = 0; shift < notes.Length; shift++)
        {
            var rotated = notes.Skip(shift).Concat(notes.Take(shift)).ToArray();
            Assert.Equal(expected, RelatedNotes.Rank(NoteCorpus.Sourdough, rotated, 10));
            Assert.Equal(expected, RelatedNotes.Rank(NoteCorpus.Sourdough, rotated.Reverse(), 10));
        }
    }

    [Fact]
    public void ANoteWithNoWordInCommon_IsNotRanked()
    {
        var source = new RelatedCandidate("a", "Rye bread", "Rye bread with caraway.");
        var ranked = RelatedNotes.Rank(source, [new("b", "Car service", "Change the tyres and the oil."), new("c", "Spelt bread", "Spelt bread rises fast.")]);
        Assert.Equal(["c"], ranked.Select(r => r.Id));
    }

    [Fact]
    public void EqualScores_AreOrderedById_AndTopLimitsTheList()
    {
        var source = new RelatedCandidate("s", "Rye", "rye bread");
        var twin = new RelatedCandidate("z", "Rye", "rye bread and more");
        RelatedCandidate[] candidates = [twin, twin with { Id = "b" }, twin with { Id = "m" }];
        var ranked = RelatedNotes.Rank(source, candidates);
        Assert.Equal(["b", "m", "z"], ranked.Select(r => r.Id));
        Assert.Equal(ranked[0].Score, ranked[2].Score);
        Assert.Equal(["b", "m"], RelatedNotes.Rank(source, candidates, 2).Select(r => r.Id));
        Assert.Empty(RelatedNotes.Rank(source, candidates, 0));
    }

    [Fact]
    public void AnIdenticalNote_ScoresOne()
    {
        var source = new RelatedCandidate("s", "Rye bread", "Rye bread with caraway and a little honey.");
        var ranked = RelatedNotes.Rank(source, [source with { Id = "copy" }, new("other", "Bread", "Bread again.")]);
        Assert.Equal("copy", ranked[0].Id);
        Assert.Equal(1, ranked[0].Score, 12);
        Assert.True(ranked[1].Score < 1);
    }

    [Fact]
    public void TitleWords_WeighDouble()
    {
        var source = new RelatedCandidate("s", "Notes", "rye bread");
        var inTitle = new RelatedCandidate("title", "Rye", "garden");
        var inText = new RelatedCandidate("text", "Garden", "rye");
        Assert.Equal(["title", "text"], RelatedNotes.Rank(source, [inText, inTitle]).Select(r => r.Id));
    }

    [Fact]
    public void PluralsAndCase_MatchTheSameWord()
    {
        var source = new RelatedCandidate("s", "", "LOAVES of Bread");
        var ranked = RelatedNotes.Rank(source, [new("a", "", "the bread"), new("b", "", "the breads"), new("c", "", "cake")]);
        Assert.Equal(["a", "b"], ranked.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(ranked[0].Score, ranked[1].Score);
    }
}
