using System.Text.Json;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Rules;
using Realign.Core.Truth;

namespace Realign.Core.Tests;

/// <summary>The one home of the resolution rules: what each answer writes, and what is refused, whoever calls it.</summary>
public sealed class ResolutionRuleTests
{
    private static readonly Resolver Owner = new("user:web", CanAccept: true, W.T(10));

    private static (EntityState State, PendingProposal Proposal) UserNoteWithAiProposal(string type = "note")
    {
        var state = new EntityState(W.Note with { EntityType = type });
        EntityMerger.Apply(state, W.User(1, ("title", "\"mine\"")) with { Key = state.Key }, SchemaPolicy.Default);
        EntityMerger.Apply(state, W.Ai(2, ("title", "\"ai title\"")) with { Key = state.Key }, SchemaPolicy.Default);
        return (state, Assert.Single(state.PendingProposals()));
    }

    [Fact]
    public void Accept_IsALevelOneWriteOfTheProposedValue_WithTheProposalsOriginKept()
    {
        var (state, proposal) = UserNoteWithAiProposal();
        var write = Resolutions.AnswerProposal(state, proposal, ProposalAnswer.Accept, null, Owner);

        Assert.Equal(TruthLevel.User, write.Stamp.Level);
        Assert.Equal("user:web", write.Stamp.Origin);
        Assert.Equal("ai-cloud:llm", write.AcceptedFrom);
        Assert.Equal("\"ai title\"", Assert.Single(write.Fields).Value);
        EntityMerger.Apply(state, write, SchemaPolicy.Default);
        Assert.Equal("\"ai title\"", W.Value(state, "title"));
        Assert.Empty(state.PendingProposals());
        Assert.Contains(state.OriginChain, e => e.Source == "ai-cloud:llm");
    }

    [Fact]
    public void AcceptWithEdit_WritesTheEditedValue()
    {
        var (state, proposal) = UserNoteWithAiProposal();
        var write = Resolutions.AnswerProposal(state, proposal, ProposalAnswer.Accept, "\"edited\"", Owner);
        Assert.Equal("\"edited\"", Assert.Single(write.Fields).Value);
        Assert.Equal("ai-cloud:llm", write.AcceptedFrom);
    }

    [Fact]
    public void Reject_WritesTheCurrentUserValueAgain_AndTheProposalIsGone()
    {
        var (state, proposal) = UserNoteWithAiProposal();
        var write = Resolutions.AnswerProposal(state, proposal, ProposalAnswer.Reject, null, Owner with { CanAccept = false });
        Assert.Null(write.AcceptedFrom);
        Assert.Equal("\"mine\"", Assert.Single(write.Fields).Value);
        EntityMerger.Apply(state, write, SchemaPolicy.Default);
        Assert.Equal("\"mine\"", W.Value(state, "title"));
        Assert.Empty(state.PendingProposals());
    }

    [Fact]
    public void TheWrite_IsStampedPastEveryRegisterOfTheField_EvenWhenTheResolversClockIsBehind()
    {
        var (state, proposal) = UserNoteWithAiProposal();
        var write = Resolutions.AnswerProposal(state, proposal, ProposalAnswer.Accept, null, Owner with { AtMicros = W.T(0) });
        Assert.Equal(W.T(2) + 1, write.Stamp.AtMicros);
    }

    [Fact]
    public void Accept_WithoutTheAcceptRight_IsRefused()
    {
        var (state, proposal) = UserNoteWithAiProposal();
        var ex = Assert.Throws<ResolutionRefusedException>(() => Resolutions.AnswerProposal(state, proposal, ProposalAnswer.Accept, null, Owner with { CanAccept = false }));
        Assert.Equal(Resolutions.Forbidden, ex.Code);
        Assert.True(ex.IsSecurity);
    }

    [Fact]
    public void Accept_OnTheKeyRecord_IsRefused_ButRejectIsNot()
    {
        var (state, proposal) = UserNoteWithAiProposal("vault-key");
        var ex = Assert.Throws<ResolutionRefusedException>(() => Resolutions.AnswerProposal(state, proposal, ProposalAnswer.Accept, null, Owner));
        Assert.Equal(RefusalCodes.ProtectedEntity, ex.Code);
        Assert.Contains("key record", ex.Message, StringComparison.Ordinal);
        Assert.Equal(TruthLevel.User, Resolutions.AnswerProposal(state, proposal, ProposalAnswer.Reject, null, Owner).Stamp.Level);
    }

    [Fact]
    public void AForgedProposal_AboutAnotherEntity_IsRefused()
    {
        var (state, proposal) = UserNoteWithAiProposal();
        var other = new EntityState(W.Note with { EntityId = "n2" });
        var ex = Assert.Throws<ResolutionRefusedException>(() => Resolutions.AnswerProposal(other, proposal, ProposalAnswer.Accept, null, Owner));
        Assert.Equal(Resolutions.InvalidRequest, ex.Code);
        Assert.NotNull(state);
    }

    [Fact]
    public void AcceptingADeleteProposal_DeletesAtLevelOne_AndRejectingItKeepsTheEntity()
    {
        var state = new EntityState(W.Note);
        EntityMerger.Apply(state, W.User(1, ("title", "\"mine\"")), SchemaPolicy.Default);
        EntityMerger.Apply(state, W.Ai(2) with { Deleted = true }, SchemaPolicy.Default);
        var proposal = Assert.Single(state.PendingProposals());
        Assert.Equal(EntityState.DeletedField, proposal.Field);

        var accept = Resolutions.AnswerProposal(state, proposal, ProposalAnswer.Accept, "\"ignored\"", Owner);
        Assert.True(accept.Deleted);
        Assert.Empty(accept.Fields);
        Assert.False(Resolutions.AnswerProposal(state, proposal, ProposalAnswer.Reject, null, Owner).Deleted);
    }

    [Theory]
    [InlineData("winner", null, "\"a\"")]
    [InlineData("loser", null, "\"b\"")]
    [InlineData(null, "\"merged\"", "\"merged\"")]
    public void Conflicts_AreSettledByTheKeptOrMergedValue(string? keep, string? merged, string expected)
    {
        var state = new EntityState(W.Note);
        EntityMerger.Apply(state, W.User(1, ("title", "\"a\"")), SchemaPolicy.Default);
        var request = new ResolveRequest { ConflictId = "c1", Keep = keep, Value = merged is null ? null : JsonValues.Parse(merged) };
        var winner = new RegisterDto { Value = JsonValues.Parse("\"a\"") };
        var loser = new RegisterDto { Value = JsonValues.Parse("\"b\"") };
        var choice = Resolutions.ChooseForConflict(request, winner, loser);
        Assert.Equal(expected, choice.Value);
        Assert.Equal(keep ?? "value", choice.Resolution);
        var write = Resolutions.SettleConflict(state, "title", choice, Owner);
        Assert.Equal(TruthLevel.User, write.Stamp.Level);
        Assert.Equal(expected, Assert.Single(write.Fields).Value);
    }

    [Theory]
    [InlineData("both")]
    [InlineData(null)]
    public void AConflictWithNeitherAKnownKeepNorAValue_IsRefused(string? keep)
    {
        var request = new ResolveRequest { ConflictId = "c1", Keep = keep };
        var ex = Assert.Throws<ResolutionRefusedException>(() => Resolutions.ChooseForConflict(request, new RegisterDto(), new RegisterDto()));
        Assert.Equal(Resolutions.InvalidRequest, ex.Code);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("c1", "p1")]
    public void ARequestNamingNeitherOrBothTargets_IsRefused(string? conflict, string? proposal)
    {
        var ex = Assert.Throws<ResolutionRefusedException>(() => Resolutions.CheckShape(new ResolveRequest { ConflictId = conflict, ProposalId = proposal }));
        Assert.Equal(Resolutions.InvalidRequest, ex.Code);
    }

    [Theory]
    [InlineData("accept", ProposalAnswer.Accept)]
    [InlineData("reject", ProposalAnswer.Reject)]
    public void Answers_ParseFromTheirWireNames(string text, ProposalAnswer expected) => Assert.Equal(expected, Resolutions.ReadAnswer(text));

    [Theory]
    [InlineData("Accept")]
    [InlineData("approve")]
    [InlineData(null)]
    public void UnknownAnswers_AreRefused(string? text) =>
        Assert.Equal(Resolutions.InvalidRequest, Assert.Throws<ResolutionRefusedException>(() => Resolutions.ReadAnswer(text)).Code);
}
