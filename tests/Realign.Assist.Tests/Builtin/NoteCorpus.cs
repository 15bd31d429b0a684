using Realign.Assist.Builtin;

namespace Realign.Assist.Tests.Builtin;

public static class NoteCorpus
{
    public static readonly RelatedCandidate Sourdough = new("sourdough", "Sourdough bread baking", """
        # Sourdough bread

        Feed the starter the evening before with equal weights of flour and water.
        A lively starter doubles in four to six hours and smells pleasantly sour.
        The dough for a sourdough loaf needs strong bread flour, water, salt and a spoon of active starter.
        Fold the dough every half hour, then let it rise overnight in the fridge.
        Bake the loaf in a hot Dutch oven for the crust, about 45 minutes.

        - [ ] buy rye flour
        - [x] clean the proofing basket

        ```text
        flour 500 g
        TODO: this is code, not a task
        ```

        See [the guide](https://example.com/sourdough-guide?step=1) for more. #baking
        """);

    public static readonly RelatedCandidate Cookies = new("cookies", "Chocolate chip cookies", """
        Cream the butter and sugar, then beat in the eggs. Fold the flour and the chocolate chips into the dough.
        Chill the cookie dough for an hour so the cookies keep their shape in the oven.
        Bake at 180 degrees for twelve minutes until the edges are golden. #baking #dessert
        """);

    public static readonly RelatedCandidate Taxes = new("taxes", "Tax return 2025", """
        Collect the payslips, the bank statements and the receipts for the home office.
        The tax office wants the return by the end of July; the accountant needs the documents two weeks earlier.

        - [ ] Ask the accountant about deductible training costs due 2026-06-15
        TODO: scan the donation receipts
        """);

    public static readonly RelatedCandidate Lisbon = new("lisbon", "Lisbon trip", """
        ## Plan

        Flights to Lisbon are booked for the first week of May. The hotel in Alfama has a terrace over the river.
        Take tram 28 up to the castle early, before the crowds. Try the custard tarts in Belém.

        * [ ] book the day trip to Sintra by 2026-04-20
        * [ ] renew passport until 30.04.2026
        """);

    public static readonly RelatedCandidate Standup = new("standup", "Team standup", """
        Anna reported that the sync server now survives a restart without losing the outbox.
        Ben is still chasing the flaky conflict test; it fails about once in fifty runs on the build machine.
        We agreed to ship the release candidate on Friday if the conflict test is fixed.

        FIXME: the build machine runs out of disk
        1. [ ] Ben: reproduce the flaky conflict test locally
        """);

    public static IReadOnlyList<RelatedCandidate> All { get; } = [Sourdough, Cookies, Taxes, Lisbon, Standup];

    public static TheoryData<string> Ids => [.. All.Select(n => n.Id)];

    public static RelatedCandidate Get(string id) => All.Single(n => n.Id == id);
}
