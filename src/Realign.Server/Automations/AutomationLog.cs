using Microsoft.Extensions.Logging;

namespace Realign.Server.Automations;

/// <summary>The log lines of the server's automations: tenant ids, counts and error types, never content.</summary>
internal static partial class AutomationLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Automations of cloud-first tenants run in this server as {Owner} (poll every {PollSeconds} s, lease {LeaseSeconds} s)")]
    public static partial void Started(ILogger logger, string owner, double pollSeconds, double leaseSeconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Automation pass of tenant {TenantId}: {Changes} change(s), {Runs} run(s)")]
    public static partial void Pass(ILogger logger, string tenantId, int changes, int runs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Automation pass of tenant {TenantId} failed ({Failures} in a row), retried in {RetrySeconds} s: {ErrorType}: {Error}")]
    public static partial void PassFailed(ILogger logger, string tenantId, int failures, double retrySeconds, string errorType, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Automation pass of tenant {TenantId} failed {Failures} times at cursor {Cursor}; its {Changes} change(s) up to {HighWater} are skipped so the tenant's later changes still run")]
    public static partial void PageSkipped(ILogger logger, string tenantId, int failures, long cursor, int changes, long highWater);

    [LoggerMessage(Level = LogLevel.Information, Message = "Automation lease of tenant {TenantId} was lost during a pass; its cursor was not saved")]
    public static partial void LeaseLost(ILogger logger, string tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Automations of tenant {TenantId} do not run: the runner's principal {PrincipalId} is revoked")]
    public static partial void Revoked(ILogger logger, string tenantId, string principalId);

    /// <summary>The reason is left out: it quotes the rule's own text.</summary>
    [LoggerMessage(Level = LogLevel.Debug, Message = "Automation rule {RuleId} of tenant {TenantId} cannot be read and does not run")]
    public static partial void InvalidRule(ILogger logger, string tenantId, string ruleId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Automation round failed: {ErrorType}: {Error}")]
    public static partial void RoundFailed(ILogger logger, string errorType, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Automation lease of tenant {TenantId} could not be released at shutdown: {ErrorType}")]
    public static partial void ReleaseFailed(ILogger logger, string tenantId, string errorType);
}
