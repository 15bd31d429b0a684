namespace Realign.Web.Review;

/// <summary>What happened: assistant calls, automations and their last runs, changes refused, and events the host keeps.</summary>
/// <param name="Usage">The <c>ai-usage</c> records, newest first.</param>
/// <param name="Automations">The <c>automation</c> rules with their last run.</param>
/// <param name="Refused">Changes refused and set aside: entity, code and message.</param>
/// <param name="Events">Sync and security events (the server's), newest first, when the host has them.</param>
/// <param name="EventsNote">Why the events are missing (the vault is offline), or null.</param>
public sealed record ReviewLogs(
    IReadOnlyList<ReviewEntitySummary> Usage,
    IReadOnlyList<ReviewEntitySummary> Automations,
    IReadOnlyList<(string Entity, string Code, string Message)> Refused,
    IReadOnlyList<(string Log, string Kind, string At, string Detail)> Events,
    string? EventsNote = null);
