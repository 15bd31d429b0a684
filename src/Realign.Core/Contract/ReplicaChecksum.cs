using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Realign.Core.Merge;

namespace Realign.Core.Contract;

/// <summary>An order-independent hash over the registers of a tenant's live entities, the same on the server and in every vault.</summary>
/// <remarks>
/// Each live entity contributes SHA-256 over (type, id, then every field in ordinal name order with its class and registers,
/// the deleted flag first); the contributions are XORed, so the order entities are added in does not matter. Only registers
/// count: versions, provenance and proposal ids are replica-local or derived. Tombstones are left out, so purging them on
/// the server does not make a replica that still holds them look different; so are <c>ai-usage</c> records, which the
/// server's retention removes without a tombstone (a vault keeps its copies until it resyncs). Two replicas with equal checksums hold the
/// same registers with overwhelming probability; a replica whose checksum differs from the server's after a sync at the
/// same cursor must pull again from 0.
/// </remarks>
public sealed class ReplicaChecksum
{
    /// <summary>The entity type of usage records, left out of the checksum.</summary>
    public const string UsageType = "ai-usage";

    private readonly byte[] _hash = new byte[SHA256.HashSizeInBytes];

    /// <summary>The number of live entities added.</summary>
    public long Entities { get; private set; }

    /// <summary>The checksum as 64 lowercase hex digits.</summary>
    public string Value => Convert.ToHexStringLower(_hash);

    /// <summary>Adds one entity (tombstones are skipped).</summary>
    public void Add(EntityState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.IsDeleted || state.IsEmpty || state.Key.EntityType == UsageType)
        {
            return;
        }

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        Of(state, digest);
        for (var i = 0; i < digest.Length; i++)
        {
            _hash[i] ^= digest[i];
        }

        Entities++;
    }

    /// <summary>The checksum of a set of entities.</summary>
    public static string Compute(IEnumerable<EntityState> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        var checksum = new ReplicaChecksum();
        foreach (var state in states)
        {
            checksum.Add(state);
        }

        return checksum.Value;
    }

    /// <summary>Writes the SHA-256 contribution of one entity into <paramref name="digest"/>.</summary>
    public static void Of(EntityState state, Span<byte> digest)
    {
        ArgumentNullException.ThrowIfNull(state);
        var buffer = new ArrayBufferWriter<byte>(256);
        Text(buffer, state.Key.EntityType);
        Text(buffer, state.Key.EntityId);
        Field(buffer, EntityState.DeletedField, state.Deleted);
        foreach (var name in state.FieldNames)
        {
            Field(buffer, name, state.Fields[name]);
        }

        SHA256.HashData(buffer.WrittenSpan, digest);
    }

    private static void Field(ArrayBufferWriter<byte> buffer, string name, FieldState field)
    {
        if (field.User is null && field.Others.Count == 0)
        {
            return;
        }

        Text(buffer, name);
        Number(buffer, (long)field.Class);
        if (field.User is { } user)
        {
            Number(buffer, 1);
            Reg(buffer, user);
        }
        else
        {
            Number(buffer, 0);
        }

        Number(buffer, field.Others.Count);
        foreach (var other in field.Others.OrderBy(r => r.Stamp.Origin, StringComparer.Ordinal).ThenBy(r => r.Stamp.AtMicros))
        {
            Reg(buffer, other);
        }
    }

    private static void Reg(ArrayBufferWriter<byte> buffer, Register register)
    {
        Text(buffer, register.Value);
        Number(buffer, (long)register.Stamp.Level);
        Number(buffer, register.Stamp.AtMicros);
        Text(buffer, register.Stamp.Origin);
        Text(buffer, register.AcceptedFrom);
    }

    private static void Text(ArrayBufferWriter<byte> buffer, string? text)
    {
        if (text is null)
        {
            Number(buffer, -1);
            return;
        }

        var count = Encoding.UTF8.GetByteCount(text);
        Number(buffer, count);
        Encoding.UTF8.GetBytes(text, buffer.GetSpan(count));
        buffer.Advance(count);
    }

    private static void Number(ArrayBufferWriter<byte> buffer, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }
}
