using System.Text.Json;
using Realign.Core.Contract;

namespace Realign.Assist.Jobs;

/// <summary>The entity a job works on, as the host read it: its key, the version the outputs will name, and its fields
/// (compact JSON), decrypted where the host holds the key.</summary>
/// <param name="EntityType">The entity type (<c>note</c>, <c>task</c>, ...).</param>
/// <param name="EntityId">The entity id.</param>
/// <param name="Version">The entity version read (the server's version; 0 before the first sync).</param>
/// <param name="Fields">Field name to compact JSON value.</param>
public sealed record AssistSource(string EntityType, string EntityId, long Version, IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>When the entity was first written (UTC microseconds), where the host knows it (at the latest: a host whose
    /// provenance folds a run of writes by one source may give the time of the last of them).</summary>
    public long? FirstWrittenAtMicros { get; init; }

    /// <summary>The title (<c>title</c>), or empty.</summary>
    public string Title => Text("title") ?? "";

    /// <summary>The text: <c>body</c>, else <c>text</c>, else empty.</summary>
    public string Body => Text("body") ?? Text("text") ?? "";

    /// <summary>The <c>tags</c> field as a list of strings (empty when missing or not an array of strings).</summary>
    public IReadOnlyList<string> Tags
    {
        get
        {
            if (!Fields.TryGetValue("tags", out var json))
            {
                return [];
            }

            try
            {
                var element = JsonValues.Parse(json);
                return element.ValueKind == JsonValueKind.Array
                    ? element.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
                    : [];
            }
            catch (JsonException)
            {
                return [];
            }
        }
    }

    /// <summary>True when any field holds a sealed (encrypted) value: such a source is never read by an assistant.</summary>
    public bool HasSealedValues => Fields.Values.Any(SealedValues.IsSealed);

    /// <summary>A string field's text, or null when missing or not a string.</summary>
    public string? Text(string field)
    {
        if (!Fields.TryGetValue(field, out var json) || json.Length == 0 || json[0] != '"')
        {
            return null;
        }

        return JsonValues.Parse(json).GetString();
    }
}
