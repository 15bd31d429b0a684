using Microsoft.Extensions.Logging;

namespace Realign.Server.Internal;

internal static partial class ServerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Realign server listening on {Address} ({Backend})")]
    public static partial void Listening(ILogger logger, string address, string backend);
}
