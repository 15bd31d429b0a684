using System.Security.Cryptography;
using System.Text;

namespace Realign.Assist.Jobs;

/// <summary>Stable ids of derived entities: the same job on the same source (and, for a task, the same task) names the same
/// entity, so running a job again updates its output instead of adding another, and two assistants' outputs for one source
/// meet on one entity where the truth levels decide.</summary>
public static class DerivedIds
{
    /// <summary>An id <c>PREFIX-</c> and 24 hex digits of SHA-256 over the source key and <paramref name="discriminator"/>.</summary>
    public static string For(string prefix, string sourceType, string sourceId, string discriminator = "")
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(sourceType);
        ArgumentNullException.ThrowIfNull(sourceId);
        ArgumentNullException.ThrowIfNull(discriminator);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{sourceType}\n{sourceId}\n{discriminator}"));
        return prefix + "-" + Convert.ToHexStringLower(hash.AsSpan(0, 12));
    }
}
