using Realign.Assist.Jobs;

namespace Realign.Assist.Hosting;

/// <summary>Runs one job on one entity of a replica and writes what it produced, with its usage record, in one
/// all-or-nothing write at the assistant's level and origin.</summary>
public static class AssistRunner
{
    /// <summary>Runs <paramref name="job"/> on <c>entityType/entityId</c> in <paramref name="replica"/>.</summary>
    /// <returns>The result; its outputs and usage record are written when this returns.</returns>
    /// <exception cref="AssistWriteRefusedException">The replica refused an output; nothing was written, the usage record included.</exception>
    /// <exception cref="KeyNotFoundException">No such live entity.</exception>
    public static async Task<AssistResult> RunAsync(IAssistReplica replica, Assistant assistant, AssistJob job, string entityType, string entityId, string? prompt = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(replica);
        ArgumentNullException.ThrowIfNull(assistant);
        var source = await replica.ReadAsync(entityType, entityId, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"no {entityType} '{entityId}'");
        var result = await assistant.RunAsync(job, source, prompt, cancellationToken).ConfigureAwait(false);
        await replica.WriteAsync(assistant.Provider.Origin, WritesOf(source, result), cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>The writes of a result: its outputs, then its usage record.</summary>
    public static IReadOnlyList<ReplicaWrite> WritesOf(AssistSource source, AssistResult result)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(result);
        var writes = new List<ReplicaWrite>();
        foreach (var output in result.Outputs)
        {
            writes.Add(output switch
            {
                FieldSuggestion f => new ReplicaWrite(source.EntityType, source.EntityId, [new(f.Field, f.Value)]),
                DerivedEntity d => new ReplicaWrite(d.EntityType, d.EntityId, d.Fields),
                DerivedRemoval r => new ReplicaWrite(r.EntityType, r.EntityId, [], Deleted: true),
                _ => throw new InvalidOperationException($"unknown output {output.GetType().Name}"),
            });
        }

        writes.Add(new ReplicaWrite(AiUsage.EntityType, result.Usage.Id, result.Usage.ToFields()));
        return writes;
    }
}
