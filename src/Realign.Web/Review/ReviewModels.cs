using System.Text.Json;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Rules;

namespace Realign.Web.Review;

/// <summary>The UI's view of an entity, made the same way by every host from Core's <see cref="EntityState"/> and the
/// values the host can read: a sealed value (a local-first tenant's content where its key is not) is locked, never shown.</summary>
public static class ReviewModels
{
    /// <summary>The value as the page may show it: null when it is sealed.</summary>
    public static string? Visible(string? json) => json is null || SealedValues.IsSealed(json) ? null : json;

    /// <summary>A string field's text, or null (missing, not a string, or sealed).</summary>
    public static string? Text(IReadOnlyDictionary<string, string> payload, string field)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (!payload.TryGetValue(field, out var json) || Visible(json) is null)
        {
            return null;
        }

        try
        {
            var element = JsonValues.Parse(json);
            return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>What a list shows of an entity: its title (or name, or text), its best level and who wrote it, and its
    /// readable fields.</summary>
    /// <param name="state">The entity.</param>
    /// <param name="payload">Its visible values as the host reads them (decrypted in a vault).</param>
    /// <param name="version">The version the host holds.</param>
    public static ReviewEntitySummary Summary(EntityState state, IReadOnlyDictionary<string, string> payload, long version)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(payload);
        var title = Text(payload, "title") ?? Text(payload, "name") ?? Text(payload, "text");
        var origin = state.Fields.Values.Select(f => f.Effective).Where(r => r is not null).Select(r => r!.Value.Stamp)
            .Where(st => st.Level == state.TruthLevel).OrderByDescending(st => st.AtMicros).Select(st => st.Origin).FirstOrDefault() ?? "";
        var readable = payload.Where(p => Visible(p.Value) is not null).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return new ReviewEntitySummary(state.Key.EntityType, state.Key.EntityId, title, state.TruthLevel, origin, version, readable, state.LastModifiedAtMicros);
    }

    /// <summary>An entity page: every field with its value (locked when sealed) and the register that wrote it, the origin
    /// chain, and its pending suggestions.</summary>
    /// <param name="state">The entity.</param>
    /// <param name="payload">Its visible values as the host reads them.</param>
    /// <param name="version">The version the host holds.</param>
    /// <param name="canUndo">Whether the accept of a field's value can be undone here.</param>
    /// <param name="suggestions">Its pending suggestions.</param>
    public static ReviewEntity Entity(EntityState state, IReadOnlyDictionary<string, string> payload, long version, Func<string, bool> canUndo, IReadOnlyList<ReviewSuggestion> suggestions)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(canUndo);
        var fields = new List<ReviewField>();
        foreach (var name in state.FieldNames)
        {
            if (state.FindField(name)?.Effective is { } register && payload.TryGetValue(name, out var value))
            {
                fields.Add(new ReviewField(name, Visible(value), register.Stamp.Level, register.Stamp.Origin, register.Stamp.AtMicros, register.AcceptedFrom, canUndo(name)));
            }
        }

        return new ReviewEntity(state.Key.EntityType, state.Key.EntityId, version, state.IsDeleted, state.TruthLevel, fields, state.OriginChain, suggestions, Resolutions.IsSuggestedEntity(state));
    }
}
