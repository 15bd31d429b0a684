using System.Text.Json.Serialization;

namespace Realign.Core.Contract;

/// <summary>The body of every error reply: an RFC 9457 problem (<c>application/problem+json</c>) with the <c>code</c> and
/// <c>errors</c> extensions.</summary>
/// <remarks>Read leniently: a problem may come from a proxy or the framework with members of its own, which are skipped.</remarks>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed class ProblemResponse
{
    /// <summary><c>/problems/CODE</c>.</summary>
    public string? Type { get; set; }

    /// <summary>A short, fixed description of the code.</summary>
    public string? Title { get; set; }

    /// <summary>The HTTP status.</summary>
    public int? Status { get; set; }

    /// <summary>What went wrong, in one line.</summary>
    public string? Detail { get; set; }

    /// <summary>The stable code (<c>forbidden-level</c>, <c>resync-required</c>, ...).</summary>
    public string? Code { get; set; }

    /// <summary>Per-item reasons of a refused batch.</summary>
    public List<ItemErrorDto>? Errors { get; set; }
}
