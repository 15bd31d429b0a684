using Realign.Core.Merge;
using Realign.Core.Truth;

namespace Realign.Core.Rules;

/// <summary>What a write below level 1 may never touch, checked by the server for every pushed item and by a vault for the
/// automations and assistants it runs, so both refuse the same writes with the same words.</summary>
public static class WriteRules
{
    /// <summary>The refusals of a write at <paramref name="level"/> of <paramref name="fieldNames"/> on an entity of
    /// <paramref name="entityType"/>: none for level 1; otherwise the key record as a whole and every protected field.</summary>
    /// <returns>Code, the offending field (<c>entity_type</c> or <c>payload.NAME</c>) and a message, for each refusal.</returns>
    public static IEnumerable<(string Code, string Field, string Message)> BelowUserRefusals(TruthLevel level, string entityType, IEnumerable<string> fieldNames, SchemaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        ArgumentNullException.ThrowIfNull(fieldNames);
        ArgumentNullException.ThrowIfNull(policy);
        if (level == TruthLevel.User)
        {
            yield break;
        }

        if (SchemaPolicy.IsUserOnlyType(entityType))
        {
            yield return (RefusalCodes.ProtectedEntity, "entity_type", $"'{entityType}' entities are level-1 data (the tenant's key record); only level 1 may write or delete them, not level {(int)level}");
            yield break;
        }

        foreach (var name in fieldNames)
        {
            if (policy.ClassOf(entityType, name) == FieldClass.Protected)
            {
                yield return (RefusalCodes.ProtectedField, $"payload.{name}", $"'{name}' is a protected field; only level 1 may write it, not level {(int)level}");
            }
        }
    }
}
