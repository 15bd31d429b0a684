using Microsoft.Extensions.Logging;

namespace Realign.Server.Internal;

internal static partial class ServerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Realign server listening on {Address} ({Backend})")]
    public static partial void Listening(ILogger logger, string address, string backend);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused batch {BatchId} of {PrincipalId} (tenant {TenantId}): {Status} {Code}")]
    public static partial void RefusedBatch(ILogger logger, string batchId, string principalId, string tenantId, int status, string code);

    /// <summary>A request refused for its credentials. Never carries the token itself.</summary>
    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path} from {Remote}: {Reason}")]
    public static partial void RefusedCredentials(ILogger logger, string method, string path, string remote, string reason);
}
