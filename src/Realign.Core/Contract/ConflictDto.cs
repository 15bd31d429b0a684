using System.Text.Json;

namespace Realign.Core.Contract;

/// <summary>A user-versus-user conflict on the wire: both values, the winner visible until the user resolves it.</summary>
public sealed class ConflictDto
{
    /// <summary>Stable id.</summary>
    public string? ConflictId { get; set; }

    /// <summary>The entity type.</summary>
    public string? EntityType { get; set; }

    /// <summary>The entity id.</summary>
    public string? EntityId { get; set; }

    /// <summary>The field, or <c>_deleted</c>.</summary>
    public string? Field { get; set; }

    /// <summary>The value that won by time (visible now).</summary>
    public RegisterDto? Winner { get; set; }

    /// <summary>The value that lost.</summary>
    public RegisterDto? Loser { get; set; }

    /// <summary>open or resolved.</summary>
    public string Status { get; set; } = "open";

    /// <summary>How it was resolved, once it is: winner, loser or value.</summary>
    public string? Resolution { get; set; }

    /// <summary>The merged value given at resolution, if any.</summary>
    public JsonElement? ResolvedValue { get; set; }
}
