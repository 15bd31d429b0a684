using Realign.Assist.Jobs;

namespace Realign.Assist.Automations;

/// <summary>An entity that changed since the last pass, as the host saw it.</summary>
/// <param name="Entity">The entity now.</param>
/// <param name="Created">True when it was first written since the last pass.</param>
/// <param name="Origin">Who wrote its latest change (a rule's own writes never trigger that rule).</param>
public sealed record EntityChange(AssistSource Entity, bool Created, string? Origin);
