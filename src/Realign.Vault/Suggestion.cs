using Realign.Core.Truth;

namespace Realign.Vault;

/// <summary>A pending proposal beside a user value, as the inbox shows it (values decrypted when possible).</summary>
public sealed record Suggestion(string Id, string EntityType, string EntityId, string Field, string ProposedJson, string CurrentJson, TruthLevel Level, string Source, long AtMicros);
