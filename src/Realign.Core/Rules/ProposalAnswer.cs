namespace Realign.Core.Rules;

/// <summary>What the user does with a proposal: accept it (optionally with an edit) or reject it.</summary>
public enum ProposalAnswer
{
    /// <summary>The proposed (or edited) value becomes the user's: level 1, with the proposal's origin kept in the chain.</summary>
    Accept,

    /// <summary>The user's current value is written again as a new user write, which supersedes the proposal.</summary>
    Reject,
}
