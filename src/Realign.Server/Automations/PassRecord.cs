using Realign.Assist.Automations;

namespace Realign.Server.Automations;

/// <summary>One pass a server ran, for diagnostics and tests: which tenant, when (process timestamps, comparable between
/// servers in one process), and the runs it made.</summary>
internal sealed record PassRecord(string TenantId, string Owner, long StartedTimestamp, long EndedTimestamp, int Changes, IReadOnlyList<RuleRun> Runs);
