using System.Text.Json;
using Realign.Assist.Automations;
using Realign.Assist.Hosting;
using Realign.Assist.Jobs;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Rules;
using Realign.Core.Truth;
using Realign.Storage;

namespace Realign.Server.Automations;

/// <summary>The server's store as the replica the automations and the built-in assistant of one cloud-first tenant work in:
/// reads are the entity heads as stored (a cloud-first tenant's content is plaintext), and writes are admitted by the same
/// truth rules as any client's push, then applied in one batch.</summary>
/// <remarks>
/// <para>Writes are made as the tenant's internal automation principal (<paramref name="principalId"/>): level-2 writes
/// (<c>automation:</c>) under that principal's automation scope, and the level-3 outputs of the built-in assistant
/// (<c>ai-local:</c>) under the local-AI scope the same principal holds for what runs in the server's process, as a vault
/// device's token covers what runs in its vault. Each <see cref="ReplicaWrite"/> becomes one <see cref="SyncItem"/> stamped
/// with the author's level and origin, goes through <see cref="ItemAdmission"/> (so a protected field, the key record or a
/// foreign level is refused exactly as for a client, and the refusal is logged in <c>security_events</c>), and all of them
/// are applied in one <see cref="IReplicaStore.ApplyBatchAsync"/>: all or none.</para>
/// <para>With a lease owner, every batch is fenced by the tenant's runner lease (<see cref="RunnerFence"/>): a server that
/// lost the lease writes nothing (<see cref="RunnerLeaseLostException"/>), and each write extends the lease by
/// <paramref name="leaseDuration"/>.</para>
/// <para>Only rules a person wrote are listed: a rule entity a machine created is a suggestion, not a rule.</para>
/// <para>A local-first tenant is refused at construction: its content is encrypted and only its vaults run its automations.</para>
/// </remarks>
/// <param name="store">The server's store.</param>
/// <param name="tenant">The cloud-first tenant.</param>
/// <param name="principalId">The principal the writes are made as.</param>
/// <param name="clock">The server's clock (stamps, admission, lease times).</param>
/// <param name="leaseOwner">The runner lease every write is fenced by, or null for none.</param>
/// <param name="leaseDuration">How far each fenced write extends the lease.</param>
public sealed class ServerAssistReplica(IReplicaStore store, TenantInfo tenant, string principalId, TimeProvider clock, string? leaseOwner = null, TimeSpan leaseDuration = default) : IAssistReplica
{
    /// <summary>The most entities <see cref="ListAsync"/> returns (rules are read on every pass, so the walk is bounded).</summary>
    public const int MaxListed = 10_000;

    private const int ListPage = 500;

    private readonly SchemaPolicy _policy = RequireCloudFirst(tenant).Policy();
    private readonly HashSet<string> _origins = new(StringComparer.Ordinal);
    private long _lastStamp;

    /// <summary>The origins this replica has written as.</summary>
    public IReadOnlySet<string> WrittenOrigins => _origins;

    /// <inheritdoc />
    public async Task<AssistSource?> ReadAsync(string entityType, string entityId, CancellationToken cancellationToken = default)
    {
        var head = await store.GetEntityAsync(new EntityKey(tenant.Id, entityType, entityId), cancellationToken).ConfigureAwait(false);
        return head is null || head.Deleted ? null : Source(head);
    }

    /// <inheritdoc />
    /// <remarks>At most <see cref="MaxListed"/>, by entity id. Rules (<see cref="AutomationRule.EntityType"/>) only when a
    /// person wrote them (<see cref="IsPersonWritten"/>).</remarks>
    public async Task<IReadOnlyList<AssistSource>> ListAsync(string entityType, CancellationToken cancellationToken = default)
    {
        var list = new List<AssistSource>();
        string? after = null;
        while (list.Count < MaxListed)
        {
            var page = 0;
            await foreach (var change in store.ListEntitiesAsync(tenant.Id, entityType, after, Math.Min(ListPage, MaxListed - list.Count), cancellationToken).ConfigureAwait(false))
            {
                var head = Head(change);
                if (entityType != AutomationRule.EntityType || IsPersonWritten(head))
                {
                    list.Add(Source(head));
                }

                after = head.EntityId;
                page++;
            }

            if (page < ListPage)
            {
                break;
            }
        }

        return list;
    }

    /// <inheritdoc />
    /// <exception cref="RunnerLeaseLostException">The runner lease was lost; nothing was written.</exception>
    public async Task WriteAsync(OriginSource author, IReadOnlyList<ReplicaWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (writes.Count == 0)
        {
            return;
        }

        var scope = author.Level switch
        {
            TruthLevel.Automation => PrincipalScope.For(tenant.Id, principalId, PrincipalKind.Automation),
            TruthLevel.AiLocal => PrincipalScope.For(tenant.Id, principalId, PrincipalKind.AiLocal),
            _ => throw new AssistWriteRefusedException($"the server writes for its automations (level 2) and its built-in assistant (level 3) only, not as '{author.Value}'"),
        };
        var nowMicros = UtcMicros.From(clock.GetUtcNow());
        // Strictly later than this replica's previous stamp, so a run's record never ties with the writes before it.
        _lastStamp = Math.Max(nowMicros, _lastStamp + 1);
        var stampedAt = UtcMicros.Format(_lastStamp);
        var admitted = new List<Write>(writes.Count);
        var refusals = new List<Refusal>();
        for (var i = 0; i < writes.Count; i++)
        {
            var admission = ItemAdmission.Admit(Item(writes[i], author, stampedAt), i, scope, _policy, nowMicros);
            if (admission.Write is { } write)
            {
                admitted.Add(write);
            }

            refusals.AddRange(admission.Refusals);
        }

        var batchId = "automation-" + Guid.NewGuid().ToString("N");
        if (refusals.Count > 0)
        {
            await RecordRefusalAsync(refusals, writes, batchId, nowMicros, cancellationToken).ConfigureAwait(false);
            throw new AssistWriteRefusedException(refusals[0].Message);
        }

        var command = new BatchCommand(tenant.Id, principalId, batchId, admitted, nowMicros)
        {
            Fence = leaseOwner is null ? null : new RunnerFence(leaseOwner, nowMicros + (long)leaseDuration.TotalMicroseconds),
        };
        await store.ApplyBatchAsync(command, cancellationToken).ConfigureAwait(false);
        _origins.Add(author.Value);
    }

    /// <summary>An entity head as a job's source: its visible fields, its version, and when it was first written (the first
    /// step of its provenance).</summary>
    public static AssistSource Source(SyncItem head)
    {
        ArgumentNullException.ThrowIfNull(head);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (head.Payload is { ValueKind: JsonValueKind.Object } payload)
        {
            foreach (var property in payload.EnumerateObject())
            {
                fields[property.Name] = JsonValues.ToCompact(property.Value);
            }
        }

        long? first = head.OriginChain is [{ At: var at }, ..] && UtcMicros.TryParse(at, out var micros) ? micros : null;
        return new AssistSource(head.EntityType ?? "", head.EntityId ?? "", head.Version ?? 0, fields) { FirstWrittenAtMicros = first };
    }

    /// <summary>True when a person wrote the rule: its <c>trigger</c> and <c>actions</c> hold level-1 values. A rule that a
    /// machine created or whose definition only a machine wrote is a suggestion, never run, or a level-5 service could make
    /// the server write at level 2 in its name.</summary>
    public static bool IsPersonWritten(SyncItem head)
    {
        ArgumentNullException.ThrowIfNull(head);
        return head.FieldStamps is { } stamps
            && stamps.TryGetValue("trigger", out var trigger) && trigger.Level == (int)TruthLevel.User
            && stamps.TryGetValue("actions", out var actions) && actions.Level == (int)TruthLevel.User;
    }

    /// <summary>A stored head as an item.</summary>
    internal static SyncItem Head(ChangedHead change) =>
        JsonSerializer.Deserialize(change.HeadUtf8.Span, RealignJsonContext.Default.SyncItem) ?? throw new FormatException("a stored head is null");

    private SyncItem Item(ReplicaWrite write, OriginSource author, string at) => new()
    {
        EntityType = write.EntityType,
        EntityId = write.EntityId,
        TenantId = tenant.Id,
        TruthLevel = (int)author.Level,
        OriginSource = author.Value,
        LastModifiedAt = at,
        Payload = write.Deleted ? null : JsonValues.Parse(ObjectJson(write.Fields)),
        Deleted = write.Deleted,
    };

    private static string ObjectJson(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                writer.WritePropertyName(name);
                JsonValues.WriteRaw(writer, value);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>One audit row per refused write batch, as a refused push leaves: codes, fields and messages, never values.</summary>
    private async Task RecordRefusalAsync(List<Refusal> refusals, IReadOnlyList<ReplicaWrite> writes, string batchId, long nowMicros, CancellationToken cancellationToken)
    {
        var first = refusals[0];
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("code", first.Code);
            writer.WriteString("detail", $"an automation's write was refused and nothing of its run was stored: {first.Field}: {first.Message}");
            writer.WriteStartArray("errors");
            foreach (var r in refusals)
            {
                writer.WriteStartObject();
                writer.WriteNumber("index", r.Index);
                writer.WriteString("code", r.Code);
                writer.WriteString("field", r.Field);
                writer.WriteString("message", r.Message);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        var log = refusals.Any(r => r.IsSecurity) ? EventLog.Security : EventLog.Sync;
        var entity = writes[first.Index];
        await store.RecordEventAsync(log, tenant.Id, new EventEntry(0, nowMicros, "refused-automation:" + first.Code, principalId, batchId, entity.EntityType, entity.EntityId,
            System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan)), cancellationToken).ConfigureAwait(false);
    }

    private static TenantInfo RequireCloudFirst(TenantInfo tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return tenant.Mode == VaultMode.CloudFirst
            ? tenant
            : throw new ArgumentException($"tenant {tenant.Id} is local-first: its content is encrypted, and only its vaults run its automations", nameof(tenant));
    }
}
