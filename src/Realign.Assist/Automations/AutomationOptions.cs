using Realign.Assist.Jobs;

namespace Realign.Assist.Automations;

/// <summary>How the engine runs.</summary>
public sealed record AutomationOptions
{
    /// <summary>The clock of schedules and records.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How many rules may follow each other in a chain (a rule's writes triggering another rule): 3 by default.</summary>
    public int MaxDepth { get; init; } = 3;

    /// <summary>The most rule runs in one pass.</summary>
    public int MaxRunsPerPass { get; init; } = 1000;

    /// <summary>The assistant for a provider name (null: the default one), for <c>assist</c> actions; without it they fail.</summary>
    public Func<string?, CancellationToken, Task<Assistant>>? Assistants { get; init; }
}
