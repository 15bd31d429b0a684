using Realign.Assist.Hosting;
using Realign.Assist.Jobs;
using Realign.Core.Truth;

namespace Realign.Vault.Assist;

/// <summary>The vault as the replica its assistants and automations work in: reads are decrypted with the tenant key (a
/// locked vault gives sealed values, which no assistant reads), and writes are the vault's own writes below level 1,
/// queued for the server at the author's level in one transaction.</summary>
public sealed class VaultAssistReplica(LocalVault vault) : IAssistReplica
{
    /// <inheritdoc />
    /// <exception cref="VaultException">A local-first vault that is locked: its notes cannot be read, nor outputs sealed.</exception>
    public Task<AssistSource?> ReadAsync(string entityType, string entityId, CancellationToken cancellationToken = default)
    {
        RequireUnlocked();
        var entity = vault.Get(entityType, entityId);
        return Task.FromResult(entity is null || entity.IsDeleted ? null : Source(entity));
    }

    /// <inheritdoc />
    /// <remarks>Rules (<c>automation</c> entities) are listed only when a person wrote them (<see cref="IsPersonWritten"/>),
    /// as the server does: a rule a machine wrote is a suggestion, never run.</remarks>
    public Task<IReadOnlyList<AssistSource>> ListAsync(string entityType, CancellationToken cancellationToken = default)
    {
        RequireUnlocked();
        return Task.FromResult<IReadOnlyList<AssistSource>>(vault.List(entityType)
            .Where(e => entityType != Realign.Assist.Automations.AutomationRule.EntityType || IsPersonWritten(e))
            .Select(Source)
            .ToList());
    }

    /// <summary>True when a person wrote the rule: its <c>trigger</c> and <c>actions</c> hold level-1 values. Otherwise an
    /// assistant or a service could write a rule and have this vault write at level 2 in its name.</summary>
    public static bool IsPersonWritten(VaultEntity rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.State.FindField("trigger")?.Effective is { Stamp.Level: Realign.Core.Truth.TruthLevel.User }
            && rule.State.FindField("actions")?.Effective is { Stamp.Level: Realign.Core.Truth.TruthLevel.User };
    }

    /// <inheritdoc />
    public Task WriteAsync(OriginSource author, IReadOnlyList<ReplicaWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        try
        {
            vault.PutAllAs(author, writes.Select(w => (w.EntityType, w.EntityId, w.Fields, w.Deleted)).ToList());
        }
        catch (VaultException ex)
        {
            throw new AssistWriteRefusedException(ex.Message, ex);
        }

        return Task.CompletedTask;
    }

    private void RequireUnlocked()
    {
        if (!vault.IsUnlocked)
        {
            throw new VaultException("this local-first vault is locked: set it up with a passphrase or key file before assistants or automations run");
        }
    }

    /// <summary>An entity as a job's source.</summary>
    public static AssistSource Source(VaultEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return new AssistSource(entity.EntityType, entity.EntityId, entity.ServerVersion, entity.Payload)
        {
            FirstWrittenAtMicros = entity.State.OriginChain.Count > 0 ? entity.State.OriginChain[0].AtMicros : null,
        };
    }
}
