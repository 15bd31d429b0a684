using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Rules;
using Realign.Storage.Internal;

namespace Realign.Storage;

/// <summary>A tenant as stored: its id, name, vault mode, schema policy (JSON), change sequence and channel policy (JSON).</summary>
/// <remarks><see cref="Seq"/> is the latest cursor handed out; <see cref="PurgedSeq"/> is the tombstone purge horizon:
/// a pull from a cursor below it cannot be served and must resync.</remarks>
/// <param name="Id">The tenant's id.</param>
/// <param name="Name">Its unique name.</param>
/// <param name="Mode">Local-first or cloud-first.</param>
/// <param name="SchemaPolicyJson">Its field classes over Core's defaults.</param>
/// <param name="Seq">The latest cursor handed out.</param>
/// <param name="PurgedSeq">The tombstone purge horizon.</param>
/// <param name="ChannelsJson">Its channel policy as stored, or null for the defaults.</param>
public sealed record TenantInfo(string Id, string Name, VaultMode Mode, string SchemaPolicyJson, long Seq, long PurgedSeq, string? ChannelsJson = null)
{
    /// <summary>The tenant's field classes: <see cref="SchemaPolicyJson"/> over Core's defaults.</summary>
    public SchemaPolicy Policy() => SchemaPolicies.Parse(SchemaPolicyJson);

    /// <summary>The tenant's channel policy: <see cref="ChannelsJson"/>, or <see cref="ChannelPolicy.Default"/>.</summary>
    public ChannelPolicy Channels() => ChannelValues.FromJson(ChannelsJson);
}
