using Realign.Assist.Jobs;
using Realign.Core.Truth;

namespace Realign.Assist.Hosting;

/// <summary>The replica an assistant or automation works in: the vault for a local-first tenant (it holds the key), the
/// server's store for a cloud-first one. Reads give plaintext only where the host can open it; writes go through the
/// host's truth rules below level 1.</summary>
public interface IAssistReplica
{
    /// <summary>One live entity, or null.</summary>
    Task<AssistSource?> ReadAsync(string entityType, string entityId, CancellationToken cancellationToken = default);

    /// <summary>Every live entity of a type.</summary>
    Task<IReadOnlyList<AssistSource>> ListAsync(string entityType, CancellationToken cancellationToken = default);

    /// <summary>Writes <paramref name="writes"/> as <paramref name="author"/> (levels 2-5), all or none.</summary>
    /// <exception cref="AssistWriteRefusedException">A write the truth rules refuse below level 1; nothing was written.</exception>
    Task WriteAsync(OriginSource author, IReadOnlyList<ReplicaWrite> writes, CancellationToken cancellationToken = default);
}
