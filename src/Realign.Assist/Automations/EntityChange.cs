using Realign.Assist.Jobs;
using Realign.Core.Merge;

namespace Realign.Assist.Automations;

/// <summary>An entity that changed since the last pass, as the host saw it.</summary>
/// <param name="Entity">The entity now.</param>
/// <param name="Created">True when it was first written since the last pass.</param>
/// <param name="Origin">Who wrote its latest change (a rule's own writes never trigger that rule).</param>
public sealed record EntityChange(AssistSource Entity, bool Created, string? Origin)
{
    /// <summary>The origin of the newest register of an entity: who changed it last, a suggestion included.</summary>
    public static string? LatestOrigin(EntityState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Realign.Core.Truth.Stamp? latest = null;
        foreach (var field in state.Fields.Values.Append(state.Deleted))
        {
            foreach (var register in field.Others.Append(field.Effective ?? default).Where(r => r.Stamp.Origin is not null))
            {
                if (latest is not { } l || register.Stamp.AtMicros > l.AtMicros)
                {
                    latest = register.Stamp;
                }
            }
        }

        return latest?.Origin;
    }
}
