using System.Text.Json;

namespace Realign.Server.Internal;

/// <summary>A short, safe description of a JSON error: what went wrong and at which JSON path.</summary>
internal static class JsonErrors
{
    public static string Describe(JsonException ex)
    {
        var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
        var reason = ex.Message.Split(" Path:", 2)[0].Split(". LineNumber", 2)[0];
        if (reason.Length > 200)
        {
            reason = reason[..200] + "...";
        }

        return $"invalid JSON at {path} (line {(ex.LineNumber ?? 0) + 1}, byte {ex.BytePositionInLine ?? 0}): {reason}";
    }
}
