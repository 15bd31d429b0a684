using System.Text.Json;

namespace Realign.Core.Contract;

/// <summary>Body of <c>POST /sync/conflict-resolve</c>: settle a conflict or answer a proposal.</summary>
/// <remarks>Exactly one of <see cref="ConflictId"/> and <see cref="ProposalId"/>. For a conflict, <see cref="Keep"/> is
/// <c>winner</c> or <c>loser</c>, or <see cref="Value"/> gives a merged value. For a proposal, <see cref="Action"/> is
/// <c>accept</c> (optionally with an edited <see cref="Value"/>) or <c>reject</c>.</remarks>
public sealed class ResolveRequest
{
    /// <summary>The conflict to resolve.</summary>
    public string? ConflictId { get; set; }

    /// <summary>The proposal to answer.</summary>
    public string? ProposalId { get; set; }

    /// <summary>Conflicts: winner or loser.</summary>
    public string? Keep { get; set; }

    /// <summary>Proposals: accept or reject.</summary>
    public string? Action { get; set; }

    /// <summary>A merged or edited value, written as the user's.</summary>
    public JsonElement? Value { get; set; }

    /// <summary>A confirmation (TOTP code or PIN), for a channel whose policy confirms its answers (voice by default).</summary>
    public ConfirmationDto? Confirmation { get; set; }
}
