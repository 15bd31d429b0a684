using System.Buffers;
using System.Text.Json;
using Realign.Assist.Embeddings;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Rules;
using Realign.Core.Truth;
using Realign.Storage;

namespace Realign.Server.Internal;

/// <summary>What an AI token reads of its tenant through the sync API when the tenant's exposure policy gives its level no
/// text (<c>vectors</c> or <c>none</c>): heads without their content fields, proposals and conflicts without their values,
/// and, at <c>vectors</c>, the shared fields of <c>embedding</c> entities (their vectors, never their digest).</summary>
/// <remarks>User devices and automations read everything (they are the tenant's own); an AI token at <c>full</c> or
/// <c>redacted</c> reads as before (redaction is applied where a model is called, docs/assist.md).</remarks>
internal static class ExposureView
{
    /// <summary>The exposure that limits <paramref name="principal"/>, or null when it reads everything it is given.</summary>
    public static async Task<(Exposure Exposure, SchemaPolicy Policy)?> LimitOfAsync(IReplicaStore store, PrincipalInfo principal, CancellationToken cancellationToken)
    {
        TruthLevel? level = principal.Kind switch
        {
            PrincipalKind.AiLocal => TruthLevel.AiLocal,
            PrincipalKind.AiLan => TruthLevel.AiLan,
            PrincipalKind.AiCloud => TruthLevel.AiCloud,
            _ => null,
        };
        if (level is not { } l)
        {
            return null;
        }

        var exposure = (await store.GetExposureAsync(principal.TenantId, cancellationToken).ConfigureAwait(false)).Policy.For(l);
        if (exposure.ReadsText())
        {
            return null;
        }

        var tenant = await store.FindTenantAsync(principal.TenantId, cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException("the token's tenant is gone");
        return (exposure, tenant.Policy());
    }

    /// <summary>A head as a limited principal reads it.</summary>
    public static SyncItem Limit(SyncItem head, Exposure exposure, SchemaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(policy);
        var type = head.EntityType ?? "";
        bool Keep(string field) => type == EmbeddingRecord.EntityType
            ? exposure == Exposure.Vectors && EmbeddingRecord.SharedFields.Contains(field)
            : policy.ClassOf(type, field) != FieldClass.Content;

        if (head.Payload is { ValueKind: JsonValueKind.Object } payload)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                foreach (var property in payload.EnumerateObject())
                {
                    if (Keep(property.Name))
                    {
                        property.WriteTo(writer);
                    }
                }

                writer.WriteEndObject();
            }

            head.Payload = JsonValues.Parse(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
        }

        if (head.FieldStamps is { } stamps)
        {
            head.FieldStamps = stamps.Where(s => Keep(s.Key)).ToDictionary(s => s.Key, s => { s.Value.Others = null; return s.Value; }, StringComparer.Ordinal);
        }

        head.Proposals = null;
        return head;
    }

    /// <summary>A stored head (UTF-8) as a limited principal reads it.</summary>
    public static byte[] Limit(ReadOnlySpan<byte> headUtf8, Exposure exposure, SchemaPolicy policy) =>
        JsonSerializer.SerializeToUtf8Bytes(Limit(JsonSerializer.Deserialize(headUtf8, RealignJsonContext.Default.SyncItem)!, exposure, policy), RealignJsonContext.Default.SyncItem);

    /// <summary>Proposals without their values.</summary>
    public static List<ProposalDto> Limit(IEnumerable<ProposalDto> proposals) => proposals.Select(p =>
    {
        p.Value = null;
        p.Current = null;
        return p;
    }).ToList();

    /// <summary>Conflicts without their values.</summary>
    public static List<ConflictDto> Limit(IEnumerable<ConflictDto> conflicts) => conflicts.Select(c =>
    {
        if (c.Winner is not null)
        {
            c.Winner.Value = null;
        }

        if (c.Loser is not null)
        {
            c.Loser.Value = null;
        }

        c.ResolvedValue = null;
        return c;
    }).ToList();
}
