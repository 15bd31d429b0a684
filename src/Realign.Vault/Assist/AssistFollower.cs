using Realign.Assist.Hosting;
using Realign.Assist.Jobs;
using Realign.Core.Truth;

namespace Realign.Vault.Assist;

/// <summary>Runs assistant jobs on the notes a person created or changed since the last round (<c>realign watch --assist</c>):
/// notes whose newest write is a user's, so the assistant never answers its own outputs or an automation's.</summary>
public sealed class AssistFollower(LocalVault vault)
{
    private readonly ChangeCursor _cursor = new(vault, "assist_cursor");

    /// <summary>Starts following from now (what changed before is left alone).</summary>
    public void Start() => _cursor.Start();

    /// <summary>Runs <paramref name="jobs"/> with <paramref name="assistant"/> on every note a person changed since the last round.</summary>
    /// <returns>The results, one per note and job.</returns>
    public async Task<IReadOnlyList<(string EntityId, AssistResult Result)>> RunAsync(Assistant assistant, IReadOnlyList<AssistJob> jobs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assistant);
        ArgumentNullException.ThrowIfNull(jobs);
        var (page, _, highWater) = _cursor.Read();
        var replica = new VaultAssistReplica(vault);
        var results = new List<(string, AssistResult)>();
        var written = new HashSet<(string, string)>();
        foreach (var (entity, _) in page)
        {
            if (entity.EntityType != "note" || entity.IsDeleted || !OriginSource.TryParse(Realign.Assist.Automations.EntityChange.LatestOrigin(entity.State), out var origin, out _) || origin.Level != TruthLevel.User)
            {
                continue;
            }

            foreach (var job in jobs)
            {
                var result = await AssistRunner.RunAsync(replica, assistant, job, entity.EntityType, entity.EntityId, null, cancellationToken).ConfigureAwait(false);
                results.Add((entity.EntityId, result));
                written.UnionWith(AssistRunner.WritesOf(VaultAssistReplica.Source(entity), result).Select(w => (w.EntityType, w.EntityId)));
            }
        }

        _cursor.Advance(highWater, written);
        return results;
    }
}
