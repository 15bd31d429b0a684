using System.Text.Json;

namespace Realign.Core.Contract;

/// <summary>One register on the wire: a value with its stamp.</summary>
public sealed class RegisterDto
{
    /// <summary>The value (omitted for the visible register, whose value is in the payload).</summary>
    public JsonElement? Value { get; set; }

    /// <summary>The writer's level.</summary>
    public int Level { get; set; }

    /// <summary>When (ISO-8601 UTC, microseconds).</summary>
    public string? At { get; set; }

    /// <summary>The writer's origin.</summary>
    public string? Source { get; set; }

    /// <summary>The lower origin a user accepted this value from, if any.</summary>
    public string? AcceptedFrom { get; set; }
}
