using Realign.Assist.Builtin;

namespace Realign.Assist.Tests.Builtin;

public sealed class TaskExtractorTests
{
    [Theory]
    [InlineData("- [ ] buy rye flour", "buy rye flour", false, null)]
    [InlineData("* [x] clean the proofing basket", "clean the proofing basket", true, null)]
    [InlineData("+ [X] oil the tin", "oil the tin", true, null)]
    [InlineData("1. [ ] preheat the oven", "preheat the oven", false, null)]
    [InlineData("12) [x] weigh the flour", "weigh the flour", true, null)]
    [InlineData("    - [ ] nested item", "nested item", false, null)]
    [InlineData("> - [ ] quoted item", "quoted item", false, null)]
    [InlineData("[ ] bare checkbox", "bare checkbox", false, null)]
    [InlineData("TODO: call the accountant", "call the accountant", false, null)]
    [InlineData("TODO file the return", "file the return", false, null)]
    [InlineData("todo - renew the passport", "renew the passport", false, null)]
    [InlineData("Todo: water the plants", "water the plants", false, null)]
    [InlineData("FIXME: the build machine runs out of disk", "the build machine runs out of disk", false, null)]
    [InlineData("- TODO: bullet then marker", "bullet then marker", false, null)]
    [InlineData("- [ ] TODO: checkbox then marker", "checkbox then marker", false, null)]
    [InlineData("Send the report due 2026-12-24", "Send the report", false, "2026-12-24")]
    [InlineData("Book the flights by 2026-12-24", "Book the flights", false, "2026-12-24")]
    [InlineData("Pay the invoice due: 24.12.2026", "Pay the invoice", false, "2026-12-24")]
    [InlineData("Tax return deadline 2026-05-31", "Tax return", false, "2026-05-31")]
    [InlineData("Renew the insurance until 2026-07-01", "Renew the insurance", false, "2026-07-01")]
    [InlineData("Call the bakery @2026-03-15", "Call the bakery", false, "2026-03-15")]
    [InlineData("Pay rent by 1.2.2026.", "Pay rent.", false, "2026-02-01")]
    [InlineData("Submit report DUE ON 2026-12-24 to Anna", "Submit report to Anna", false, "2026-12-24")]
    [InlineData("Deadline 2026-12-24: hand in the thesis", "hand in the thesis", false, "2026-12-24")]
    [InlineData("- [ ] file taxes due 2026-04-30", "file taxes", false, "2026-04-30")]
    [InlineData("- [x] Submit the draft (due 2026-01-10)", "Submit the draft", true, "2026-01-10")]
    [InlineData("TODO: leap day due 2028-02-29", "leap day", false, "2028-02-29")]
    [InlineData("Move by 2026-02-30, then by 2026-03-02", "Move by 2026-02-30, then", false, "2026-03-02")]
    public void EachSyntax_IsATask(string line, string title, bool done, string? due)
    {
        var task = Assert.Single(TaskExtractor.Extract(line));
        Assert.Equal(title, task.Title);
        Assert.Equal(done, task.Done);
        Assert.Equal(due is null ? null : DateOnly.ParseExact(due, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), task.Due);
        Assert.Equal(1, task.Line);
    }

    [Theory]
    [InlineData("Just a line about bread.")]
    [InlineData("Todo list for the week")]
    [InlineData("TODOS are fun")]
    [InlineData("TODO")]
    [InlineData("- [ ]")]
    [InlineData("We met on 2026-12-24 at the bakery")]
    [InlineData("Pay rent due 2026-02-30")]
    [InlineData("Pay rent due 2026-13-01")]
    [InlineData("Pay rent due 31.04.2026")]
    [InlineData("Pay rent due 2026-02-29")]
    [InlineData("Pay rent due 2026-12-245")]
    [InlineData("standby 2026-01-01")]
    [InlineData("# TODO: a heading")]
    [InlineData("## Release by 2026-12-24")]
    [InlineData("- [link](https://example.com) to read")]
    [InlineData("- [-] not a checkbox")]
    public void OtherLines_AreNoTasks(string line) => Assert.Empty(TaskExtractor.Extract(line));

    [Theory]
    [InlineData("- [ ] pay rent due 2026-02-30", "pay rent due 2026-02-30")]
    [InlineData("TODO: pay rent by 30.02.2026", "pay rent by 30.02.2026")]
    public void AnImpossibleDate_IsNoDueDate_AndStaysInTheTitle(string line, string title)
    {
        var task = Assert.Single(TaskExtractor.Extract(line));
        Assert.Equal(title, task.Title);
        Assert.Null(task.Due);
    }

    [Fact]
    public void CodeFences_AreIgnored_AndLinesAreCountedFromOne()
    {
        const string text = "Intro\r\n```bash\r\n# TODO: not a task\r\n- [ ] nor this\r\n```\r\n~~~~\r\nTODO: nor this\r\n```\r\nstill code due 2026-01-01\r\n~~~~\r\n- [x] after the fences\r\n\r\nTODO: last";
        var tasks = TaskExtractor.Extract(text);
        Assert.Equal([("after the fences", true, 11), ("last", false, 13)], tasks.Select(t => (t.Title, t.Done, t.Line)));
    }

    [Fact]
    public void AnUnclosedFence_HidesTheRestOfTheNote() =>
        Assert.Equal(["before"], TaskExtractor.Extract("TODO: before\n```\nTODO: inside\n").Select(t => t.Title));

    [Fact]
    public void InlineTripleBackticks_OpenNoFence() =>
        Assert.Equal(["a", "b"], TaskExtractor.Extract("```x``` is inline\nTODO: a\nTODO: b").Select(t => t.Title));

    [Fact]
    public void ADuplicateTitle_InAnyCase_IsListedOnce_AtItsFirstLine()
    {
        var tasks = TaskExtractor.Extract("- [ ] Buy flour\nTODO: buy FLOUR\n- [x] buy flour\n- [ ] Buy salt");
        Assert.Equal([("Buy flour", false, 1), ("Buy salt", false, 4)], tasks.Select(t => (t.Title, t.Done, t.Line)));
    }

    [Fact]
    public void TheCorpusNotes_HoldTheirTasks()
    {
        Assert.Equal(
            [("buy rye flour", false, 9), ("clean the proofing basket", true, 10)],
            TaskExtractor.Extract(NoteCorpus.Sourdough.Text).Select(t => (t.Title, t.Done, t.Line)));
        Assert.Equal(
            [("book the day trip to Sintra", new DateOnly(2026, 4, 20)), ("renew passport", new DateOnly(2026, 4, 30))],
            TaskExtractor.Extract(NoteCorpus.Lisbon.Text).Select(t => (t.Title, t.Due)));
        Assert.Equal(
            ["the build machine runs out of disk", "Ben: reproduce the flaky conflict test locally"],
            TaskExtractor.Extract(NoteCorpus.Standup.Text).Select(t => t.Title));
    }
}
