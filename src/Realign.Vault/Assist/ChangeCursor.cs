using System.Text.Json;

namespace Realign.Vault.Assist;

/// <summary>A named place in the vault's saves (by <c>changed_at</c>) that a follower of changes has reached: the
/// automations, the assistant of <c>realign watch --assist</c>. It keeps the time of the newest save it has seen and the
/// saves the follower made itself after that, which it skips next time (it followed them already).</summary>
public sealed class ChangeCursor(LocalVault vault, string name)
{
    private const int PageSize = 50_000;

    /// <summary>True when the cursor was started.</summary>
    public bool Started => vault.AssistState(name) is not null;

    /// <summary>Starts the cursor at the vault's newest save, if it has not started: what changes from now on is followed.</summary>
    public void Start()
    {
        if (!Started)
        {
            var newest = 0L;
            while (vault.ChangedAfter(newest, PageSize) is { Count: > 0 } page)
            {
                newest = page[^1].ChangedAtMicros;
            }

            Save(newest, []);
        }
    }

    /// <summary>The saves after the cursor (the follower's own skipped), oldest first, and the time to advance to once
    /// they are handled. A page never splits the saves of one instant.</summary>
    public (IReadOnlyList<(VaultEntity Entity, long ChangedAtMicros)> Changes, long After, long HighWater) Read()
    {
        Start();
        var (after, skip) = Load();
        var page = vault.ChangedAfter(after, PageSize);
        if (page.Count == PageSize && page[0].ChangedAtMicros != page[^1].ChangedAtMicros)
        {
            var last = page[^1].ChangedAtMicros;
            page = page.Where(p => p.ChangedAtMicros != last).ToList();
        }

        var highWater = page.Count > 0 ? page[^1].ChangedAtMicros : after;
        var changes = page.Where(p => !(skip.TryGetValue(Key(p.Entity.EntityType, p.Entity.EntityId), out var at) && at == p.ChangedAtMicros)).ToList();
        return (changes, after, highWater);
    }

    /// <summary>Moves the cursor to <paramref name="highWater"/>, remembering the saves of <paramref name="written"/> made after it.</summary>
    public void Advance(long highWater, IReadOnlySet<(string EntityType, string EntityId)> written)
    {
        ArgumentNullException.ThrowIfNull(written);
        var skip = new Dictionary<string, long>(StringComparer.Ordinal);
        if (written.Count > 0)
        {
            foreach (var (entity, changedAt) in vault.ChangedAfter(highWater, PageSize))
            {
                if (written.Contains((entity.EntityType, entity.EntityId)))
                {
                    skip[Key(entity.EntityType, entity.EntityId)] = changedAt;
                }
            }
        }

        Save(highWater, skip);
    }

    private static string Key(string type, string id) => type + "/" + id;

    private (long After, Dictionary<string, long> Skip) Load()
    {
        using var doc = JsonDocument.Parse(vault.AssistState(name)!);
        var skip = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var p in doc.RootElement.GetProperty("skip").EnumerateObject())
        {
            skip[p.Name] = p.Value.GetInt64();
        }

        return (doc.RootElement.GetProperty("after").GetInt64(), skip);
    }

    private void Save(long after, Dictionary<string, long> skip)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("after", after);
            writer.WriteStartObject("skip");
            foreach (var (key, at) in skip)
            {
                writer.WriteNumber(key, at);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        vault.SetAssistState(name, System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
