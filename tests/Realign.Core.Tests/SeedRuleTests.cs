using Realign.Core.Merge;
using Realign.Core.Truth;

namespace Realign.Core.Tests;

public sealed class SeedRuleTests
{
    private static EntityState Fresh() => new(W.Note);

    private static MergeResult Apply(EntityState state, Write write) => EntityMerger.Apply(state, write, SchemaPolicy.Default);

    [Fact]
    public void DifferentTenants_AreNeverCompared()
    {
        var a = new EntityState(W.Note);
        var b = new EntityState(W.Note with { TenantId = "t2" });
        Apply(a, W.User(1, ("title", "\"mine\"")));
        Apply(b, W.User(2, ("title", "\"theirs\"")) with { Key = b.Key });
        Assert.Equal("\"mine\"", W.Value(a, "title"));
        Assert.Equal("\"theirs\"", W.Value(b, "title"));
        Assert.Throws<ArgumentException>(() => EntityMerger.Join(a, b));
    }

    [Fact]
    public void CaseA_AiWriteOverUserValue_BecomesProposalAndUserValueStays()
    {
        var state = Fresh();
        Apply(state, W.User(1, ("title", "\"user title\"")));
        var result = Apply(state, W.Ai(2, ("title", "\"ai title\"")));

        Assert.Equal(ItemOutcome.Proposal, result.Outcome);
        Assert.Equal("\"user title\"", W.Value(state, "title"));
        var proposal = Assert.Single(state.PendingProposals());
        Assert.Equal("title", proposal.Field);
        Assert.Equal("\"ai title\"", proposal.Proposed.Value);
        Assert.Equal(TruthLevel.User, state.TruthLevel);
    }

    [Fact]
    public void CaseA_AiWriteArrivingBeforeOlderUserWrite_StillEndsAsProposal()
    {
        var state = Fresh();
        Apply(state, W.Ai(2, ("title", "\"ai title\"")));
        Assert.Equal("\"ai title\"", W.Value(state, "title"));
        Apply(state, W.User(1, ("title", "\"user title\"")));

        Assert.Equal("\"user title\"", W.Value(state, "title"));
        Assert.Equal("\"ai title\"", Assert.Single(state.PendingProposals()).Proposed.Value);
    }

    [Fact]
    public void CaseA_AiFillsEmptyField_IsApplied()
    {
        var state = Fresh();
        Apply(state, W.User(1, ("title", "\"t\"")));
        var result = Apply(state, W.Ai(2, ("summary", "\"short\"")));

        Assert.Equal(ItemOutcome.Applied, result.Outcome);
        Assert.Equal("\"short\"", W.Value(state, "summary"));
        Assert.Equal(TruthLevel.AiCloud, state.Fields["summary"].Effective!.Value.Stamp.Level);
    }

    [Fact]
    public void CaseA_UserEditAfterAiFill_ReplacesItWithoutProposal()
    {
        var state = Fresh();
        Apply(state, W.Ai(1, ("summary", "\"ai\"")));
        Apply(state, W.User(2, ("summary", "\"mine\"")));

        Assert.Equal("\"mine\"", W.Value(state, "summary"));
        Assert.Empty(state.PendingProposals());
    }

    [Fact]
    public void CaseA_UserAcceptsProposal_ValueBecomesUserTruthWithProvenance()
    {
        var state = Fresh();
        Apply(state, W.User(1, ("title", "\"user\"")));
        Apply(state, W.Ai(2, ("title", "\"ai\"")));
        var accept = W.User(3, ("title", "\"ai\"")) with { AcceptedFrom = "ai-cloud:llm" };
        var result = Apply(state, accept);

        Assert.Equal(ItemOutcome.Applied, result.Outcome);
        Assert.Equal("\"ai\"", W.Value(state, "title"));
        Assert.Empty(state.PendingProposals());
        Assert.True(state.AcceptedByUser);
        Assert.Equal(TruthLevel.User, state.TruthLevel);
        Assert.Contains(state.OriginChain, e => e.Source == "ai-cloud:llm" && e.Level == TruthLevel.AiCloud);
    }

    [Fact]
    public void ProvenanceTimeBug_AcceptedProposal_ChainKeepsTheAiWriteTimeAndTheAcceptAsItsOwnEntry()
    {
        var state = Fresh();
        Apply(state, W.User(1, ("title", "\"user\"")));
        Apply(state, W.Ai(2, ("title", "\"ai\"")));
        Apply(state, W.User(30, ("title", "\"ai edited\"")) with { AcceptedFrom = "ai-cloud:llm" });

        var ai = Assert.Single(state.OriginChain, e => e.Source == "ai-cloud:llm");
        Assert.Equal(W.T(2), ai.AtMicros);
        Assert.Equal(W.T(30), state.OriginChain[^1].AtMicros);
        Assert.Equal("user:desktop", state.OriginChain[^1].Source);
    }

    [Fact]
    public void ProvenanceTimeBug_AcceptedDeleteProposal_ChainKeepsTheDeleteProposalTime()
    {
        var state = Fresh();
        Apply(state, W.User(1, ("title", "\"user\"")));
        Apply(state, W.Ai(5) with { Deleted = true });
        Apply(state, W.User(40) with { Deleted = true, AcceptedFrom = "ai-cloud:llm" });

        Assert.Equal(W.T(5), Assert.Single(state.OriginChain, e => e.Source == "ai-cloud:llm").AtMicros);
    }

    [Fact]
    public void CaseA_RejectByReassertingUserValue_ClearsProposal()
    {
        var state = Fresh();
        Apply(state, W.User(1, ("title", "\"user\"")));
        Apply(state, W.Ai(2, ("title", "\"ai\"")));
        Apply(state, W.User(3, ("title", "\"user\"")));

        Assert.Equal("\"user\"", W.Value(state, "title"));
        Assert.Empty(state.PendingProposals());
        Assert.False(state.AcceptedByUser);
    }

    [Fact]
    public void CaseB_BothUserUnseen_LaterWinsAndConflictKeepsBoth()
    {
        var state = Fresh();
        Apply(state, W.User(1, ("title", "\"v1\"")));
        var v1 = state.Version;
        Apply(state, W.Make(TruthLevel.User, 3, "user:web", ("title", "\"web\"")) with { BaseVersion = v1 });
        var result = Apply(state, W.User(2, ("title", "\"desktop\"")) with { BaseVersion = v1 });

        Assert.Equal(ItemOutcome.Conflict, result.Outcome);
        Assert.Equal("\"web\"", W.Value(state, "title"));
        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal("\"web\"", conflict.Winner.Value);
        Assert.Equal("\"desktop\"", conflict.Loser.Value);
    }

    [Fact]
    public void CaseB_LaterUnseenUserWrite_WinsAndIsReportedAsConflict()
    {
        var state = Fresh();
        Apply(state, W.User(1, ("title", "\"v1\"")));
        var seen = state.Version;
        Apply(state, W.Make(TruthLevel.User, 2, "user:web", ("title", "\"web\"")) with { BaseVersion = seen });
        var result = Apply(state, W.User(3, ("title", "\"desktop\"")) with { BaseVersion = seen });

        Assert.Equal(ItemOutcome.Conflict, result.Outcome);
        Assert.Equal("\"desktop\"", W.Value(state, "title"));
        Assert.Equal("\"web\"", Assert.Single(result.Conflicts).Loser.Value);
    }

    [Fact]
    public void CaseB_UserEditMadeAfterSeeingCurrentValue_IsPlainUpdate()
    {
        var state = Fresh();
        Apply(state, W.User(1, ("title", "\"v1\"")));
        Apply(state, W.Make(TruthLevel.User, 2, "user:web", ("title", "\"web\"")) with { BaseVersion = state.Version });
        var result = Apply(state, W.User(3, ("title", "\"desktop\"")) with { BaseVersion = state.Version });

        Assert.Equal(ItemOutcome.Applied, result.Outcome);
        Assert.Empty(result.Conflicts);
    }

    [Fact]
    public void CaseB_UnseenUserWritesToDifferentFields_BothApplyWithoutConflict()
    {
        var state = Fresh();
        Apply(state, W.User(1, ("title", "\"t\""), ("body", "\"b\"")));
        var seen = state.Version;
        Apply(state, W.Make(TruthLevel.User, 2, "user:web", ("title", "\"web\"")) with { BaseVersion = seen });
        var result = Apply(state, W.User(3, ("body", "\"desktop\"")) with { BaseVersion = seen });

        Assert.Equal(ItemOutcome.Applied, result.Outcome);
        Assert.Equal("\"web\"", W.Value(state, "title"));
        Assert.Equal("\"desktop\"", W.Value(state, "body"));
    }

    [Fact]
    public void CaseC_NeitherUser_LowerLevelNumberWinsWhateverTheTime()
    {
        var state = Fresh();
        Apply(state, W.Make(TruthLevel.Automation, 1, "automation:rule-1", ("title", "\"auto\"")));
        var result = Apply(state, W.Ai(5, ("title", "\"cloud\"")));

        Assert.Equal(ItemOutcome.Discarded, result.Outcome);
        Assert.Equal("\"auto\"", W.Value(state, "title"));
        Assert.Empty(state.PendingProposals());
    }

    [Fact]
    public void CaseC_SameLevel_LaterWriteWins()
    {
        var state = Fresh();
        Apply(state, W.Make(TruthLevel.AiLocal, 2, "ai-local:a", ("title", "\"a\"")));
        Apply(state, W.Make(TruthLevel.AiLocal, 1, "ai-local:b", ("title", "\"b\"")));
        Assert.Equal("\"a\"", W.Value(state, "title"));
        Apply(state, W.Make(TruthLevel.AiLocal, 3, "ai-local:b", ("title", "\"b2\"")));
        Assert.Equal("\"b2\"", W.Value(state, "title"));
    }

    [Fact]
    public void Deletion_LowerLevelDeleteOfUserEntity_IsDeleteProposal()
    {
        var state = Fresh();
        Apply(state, W.User(1, ("title", "\"t\"")));
        var result = Apply(state, W.Ai(2) with { Deleted = true });

        Assert.Equal(ItemOutcome.Proposal, result.Outcome);
        Assert.False(state.IsDeleted);
        Assert.Equal(EntityState.DeletedField, Assert.Single(state.PendingProposals()).Field);
    }

    [Fact]
    public void Deletion_AcceptedDeleteProposal_DeletesAndKeepsProvenance()
    {
        var state = Fresh();
        Apply(state, W.User(1, ("title", "\"t\"")));
        Apply(state, W.Ai(2) with { Deleted = true });
        var result = Apply(state, W.User(3) with { Deleted = true, AcceptedFrom = "ai-cloud:llm" });

        Assert.Equal(ItemOutcome.Applied, result.Outcome);
        Assert.True(state.IsDeleted);
        Assert.True(state.AcceptedByUser);
        Assert.Empty(state.PendingProposals());
        Assert.Equal("\"t\"", W.Value(state, "title"));
    }

    [Fact]
    public void Deletion_RejectedDeleteProposal_KeepsEntityAlive()
    {
        var state = Fresh();
        Apply(state, W.User(1, ("title", "\"t\"")));
        Apply(state, W.Ai(2) with { Deleted = true });
        Apply(state, W.User(3));

        Assert.False(state.IsDeleted);
        Assert.Empty(state.PendingProposals());
    }

    [Fact]
    public void Deletion_UserDelete_BeatsLaterAiEdit()
    {
        var state = Fresh();
        Apply(state, W.User(1, ("title", "\"t\"")));
        Apply(state, W.User(2) with { Deleted = true });
        Apply(state, W.Ai(3, ("title", "\"ai\"")));

        Assert.True(state.IsDeleted);
        Assert.Equal("\"t\"", W.Value(state, "title"));
    }

    [Fact]
    public void Deletion_MoreRecentUserEdit_BeatsOlderUserDelete()
    {
        var state = Fresh();
        Apply(state, W.User(3, ("title", "\"edited\"")));
        Apply(state, W.User(2) with { Deleted = true });

        Assert.False(state.IsDeleted);
        Assert.Equal("\"edited\"", W.Value(state, "title"));
    }

    [Fact]
    public void Deletion_MoreRecentUserDelete_BeatsOlderUserEdit()
    {
        var state = Fresh();
        Apply(state, W.User(2) with { Deleted = true });
        Apply(state, W.User(1, ("title", "\"edited\"")));

        Assert.True(state.IsDeleted);
    }

    [Fact]
    public void SystemField_AnyLevelWritesAndTheLatestWins()
    {
        var state = new EntityState(W.Note with { EntityType = "automation" });
        Apply(state, W.User(1, ("status", "\"paused\"")) with { Key = state.Key });
        var result = Apply(state, W.Make(TruthLevel.Automation, 2, "automation:rule-1", ("status", "\"running\"")) with { Key = state.Key });

        Assert.Equal(ItemOutcome.Applied, result.Outcome);
        Assert.Equal("\"running\"", W.Value(state, "status"));
    }

    [Fact]
    public void Replay_OfSameWrite_IsDuplicateAndKeepsVersion()
    {
        var state = Fresh();
        var write = W.User(1, ("title", "\"t\""));
        Apply(state, write);
        var version = state.Version;
        var again = Apply(state, write);

        Assert.Equal(ItemOutcome.Duplicate, again.Outcome);
        Assert.False(again.Changed);
        Assert.Equal(version, state.Version);
    }

    [Fact]
    public void Patch_LeavesFieldsItDoesNotCarry()
    {
        var state = Fresh();
        Apply(state, W.User(1, ("title", "\"t\""), ("body", "\"b\"")));
        Apply(state, W.User(2, ("body", "null")));

        Assert.Equal("\"t\"", W.Value(state, "title"));
        Assert.Equal("null", W.Value(state, "body"));
    }

    [Fact]
    public void OriginChain_CollapsesRepeatsAndStaysBounded()
    {
        var state = Fresh();
        for (var i = 0; i < 50; i++)
        {
            Apply(state, W.User(i, ("n", i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        Assert.Equal(50, Assert.Single(state.OriginChain).Count);
        for (var i = 0; i < 40; i++)
        {
            var origin = i % 2 == 0 ? "user:web" : "user:desktop";
            Apply(state, W.Make(TruthLevel.User, 100 + i, origin, ("n", "0")));
        }

        Assert.Equal(EntityState.MaxChainLength, state.OriginChain.Count);
        Assert.Equal(50, state.OriginChain[0].Count);
    }
}
