namespace Realign.Core.Contract;

/// <summary>How an encrypted (sealed) content value looks on the wire: a JSON string starting with <see cref="Prefix"/>.</summary>
/// <remarks>Only a vault holding the tenant key opens one. Anything that reads content for a model (the assistants, the
/// server's orchestrator) checks <see cref="IsSealed"/> first and never sends ciphertext anywhere.</remarks>
public static class SealedValues
{
    /// <summary>The envelope prefix inside the JSON string (version 1: AES-256-GCM).</summary>
    public const string Prefix = "rl1:";

    /// <summary>True when a compact JSON value is an envelope.</summary>
    public static bool IsSealed(string compactJson)
    {
        ArgumentNullException.ThrowIfNull(compactJson);
        return compactJson.StartsWith("\"" + Prefix, StringComparison.Ordinal);
    }
}
