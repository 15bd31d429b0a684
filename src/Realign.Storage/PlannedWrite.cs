using Realign.Core.Merge;

namespace Realign.Storage;

/// <summary>A level-1 write planned from the entity as it stands inside the write's own transaction: the store loads the
/// state under the tenant lock, lets <see cref="Plan"/> (one of Core's resolution rules, for example
/// <see cref="Realign.Core.Rules.Resolutions.PromoteEntity"/>) turn it into the write, and applies it, so the rule always
/// judges the state it changes.</summary>
/// <param name="Key">The entity.</param>
/// <param name="PrincipalId">The principal the write is made as.</param>
/// <param name="Plan">Turns the current state into the write; a <see cref="Realign.Core.Rules.ResolutionRefusedException"/>
/// refuses it (nothing is written).</param>
/// <param name="NowMicros">The server's time.</param>
public sealed record PlannedWrite(EntityKey Key, string PrincipalId, Func<EntityState, Write> Plan, long NowMicros);
