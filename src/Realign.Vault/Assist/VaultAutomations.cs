using System.Text.Json;
using Realign.Assist.Automations;
using Realign.Core.Merge;

namespace Realign.Vault.Assist;

/// <summary>A local-first vault's automations: each pass hands the engine the entities saved since the last pass (local
/// writes and pulled changes), runs the rules they trigger and the schedules that are due, and moves the vault's cursor.</summary>
/// <remarks>
/// <para>The cursor is the time of the newest save a pass has seen, with the saves the pass made itself, which the next
/// pass skips (it followed them already). It starts when the first rule is added (<see cref="StartCursor"/>), so rules
/// apply to what changes from then on, not to every note already in the vault; run a rule on an older entity with
/// <c>realign automation run RULE --entity ENTITY</c>.</para>
/// <para>Two vaults of one tenant may both run a rule: created entities have ids derived from the rule and the source,
/// and the other actions write the same values, so both runs meet in the same entities.</para>
/// </remarks>
public sealed class VaultAutomations(LocalVault vault, AutomationOptions? options = null)
{
    private const string CursorName = "automation_cursor";
    private const int PageSize = 50_000;

    /// <summary>The engine over this vault.</summary>
    public AutomationEngine Engine { get; } = new(new VaultAssistReplica(vault), options);

    /// <summary>Starts the cursor at the vault's newest save, if it has none yet.</summary>
    public void StartCursor()
    {
        if (vault.AssistState(CursorName) is null)
        {
            var newest = 0L;
            while (vault.ChangedAfter(newest, PageSize) is { Count: > 0 } page)
            {
                newest = page[^1].ChangedAtMicros;
            }

            Save(new Cursor(newest, []));
        }
    }

    /// <summary>One pass: the rules the vault's changes trigger, and the due schedules when <paramref name="schedules"/>.</summary>
    public async Task<AutomationPass> RunPassAsync(bool schedules = true, CancellationToken cancellationToken = default)
    {
        StartCursor();
        var cursor = Read();
        var page = vault.ChangedAfter(cursor.After, PageSize);
        if (page.Count == PageSize && page[0].ChangedAtMicros != page[^1].ChangedAtMicros)
        {
            // Never split the saves of one instant between two passes: the cursor is a time.
            var last = page[^1].ChangedAtMicros;
            page = page.Where(p => p.ChangedAtMicros != last).ToList();
        }

        var highWater = page.Count > 0 ? page[^1].ChangedAtMicros : cursor.After;
        var changes = new List<EntityChange>();
        foreach (var (entity, changedAt) in page)
        {
            if (entity.IsDeleted || (cursor.Skip.TryGetValue(Key(entity.EntityType, entity.EntityId), out var skipAt) && skipAt == changedAt))
            {
                continue;
            }

            var source = VaultAssistReplica.Source(entity);
            changes.Add(new EntityChange(source, IsCreatedAfter(entity.State, cursor.After), LatestOrigin(entity.State)));
        }

        var pass = await Engine.RunPassAsync(changes, schedules, cancellationToken).ConfigureAwait(false);
        var skip = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (entity, changedAt) in vault.ChangedAfter(highWater, PageSize))
        {
            if (pass.Written.Contains((entity.EntityType, entity.EntityId)))
            {
                skip[Key(entity.EntityType, entity.EntityId)] = changedAt;
            }
        }

        Save(new Cursor(highWater, skip));
        return pass;
    }

    /// <summary>True when the entity's first write came after <paramref name="afterMicros"/>. The provenance chain folds writes
    /// in a row by one source into one step (its time the newest), so only a first step of one write dates the creation; an
    /// entity written more than once since the last pass counts as updated.</summary>
    public static bool IsCreatedAfter(EntityState state, long afterMicros)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.OriginChain.Count > 0 && state.OriginChain[0] is { Count: 1 } first && first.AtMicros > afterMicros;
    }

    /// <summary>The origin of the newest register of an entity: who changed it last, a suggestion included.</summary>
    public static string? LatestOrigin(EntityState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Realign.Core.Truth.Stamp? latest = null;
        foreach (var field in state.Fields.Values.Append(state.Deleted))
        {
            foreach (var register in field.Others.Append(field.Effective ?? default).Where(r => r.Stamp.Origin is not null))
            {
                if (latest is not { } l || register.Stamp.AtMicros > l.AtMicros)
                {
                    latest = register.Stamp;
                }
            }
        }

        return latest?.Origin;
    }

    private static string Key(string type, string id) => type + "/" + id;

    private Cursor Read()
    {
        var text = vault.AssistState(CursorName);
        if (text is null)
        {
            return new Cursor(0, []);
        }

        using var doc = JsonDocument.Parse(text);
        var after = doc.RootElement.GetProperty("after").GetInt64();
        var skip = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var p in doc.RootElement.GetProperty("skip").EnumerateObject())
        {
            skip[p.Name] = p.Value.GetInt64();
        }

        return new Cursor(after, skip);
    }

    private void Save(Cursor cursor)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("after", cursor.After);
            writer.WriteStartObject("skip");
            foreach (var (key, at) in cursor.Skip)
            {
                writer.WriteNumber(key, at);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        vault.SetAssistState(CursorName, System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    private sealed record Cursor(long After, Dictionary<string, long> Skip);
}
