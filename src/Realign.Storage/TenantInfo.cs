using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Storage.Internal;

namespace Realign.Storage;

/// <summary>A tenant as stored: its id, name, vault mode, schema policy (JSON) and change sequence.</summary>
/// <remarks><see cref="Seq"/> is the latest cursor handed out; <see cref="PurgedSeq"/> is the tombstone purge horizon:
/// a pull from a cursor below it cannot be served and must resync.</remarks>
public sealed record TenantInfo(string Id, string Name, VaultMode Mode, string SchemaPolicyJson, long Seq, long PurgedSeq)
{
    /// <summary>The tenant's field classes: <see cref="SchemaPolicyJson"/> over Core's defaults.</summary>
    public SchemaPolicy Policy() => SchemaPolicies.Parse(SchemaPolicyJson);
}
