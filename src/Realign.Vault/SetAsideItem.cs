namespace Realign.Vault;

/// <summary>A local change the server refused, kept with the reason so the user can see and fix it.</summary>
public sealed record SetAsideItem(long Id, string EntityType, string EntityId, string Code, string? Field, string Message, string ItemJson);
