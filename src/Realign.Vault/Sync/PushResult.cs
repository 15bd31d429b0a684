using Realign.Core.Contract;

namespace Realign.Vault.Sync;

/// <summary>A push answer: the server's response, or the refusal of the whole batch with each offending item.</summary>
/// <param name="Response">The 200 response, when the batch was stored.</param>
/// <param name="Status">The HTTP status of a refusal (400, 403, 413).</param>
/// <param name="Code">The refusal's problem code.</param>
/// <param name="Detail">The problem's detail text.</param>
/// <param name="Errors">Per-item errors with their batch index.</param>
public sealed record PushResult(PushResponse? Response, int Status = 200, string? Code = null, string? Detail = null, IReadOnlyList<ItemErrorDto>? Errors = null)
{
    /// <summary>True when the batch was stored (or replayed).</summary>
    public bool Accepted => Response is not null;
}
