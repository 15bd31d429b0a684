using System.Text.Json;
using Realign.Core.Truth;
using Realign.Vault;
using Spectre.Console;

namespace Realign.Cli.Vault;

/// <summary>Rendering helpers shared by the vault commands.</summary>
internal static class Show
{
    public static string Value(string? json, int max = 60)
    {
        if (json is null)
        {
            return "";
        }

        string text;
        using (var doc = JsonDocument.Parse(json))
        {
            text = doc.RootElement.ValueKind == JsonValueKind.String ? doc.RootElement.GetString() ?? "" : json;
        }

        text = text.ReplaceLineEndings(" ");
        return Markup.Escape(text.Length <= max ? text : text[..(max - 1)] + "…");
    }

    public static string Level(TruthLevel level) => level switch
    {
        TruthLevel.User => "[green]U1[/]",
        TruthLevel.Automation => "[blue]A2[/]",
        TruthLevel.AiLocal => "[yellow]L3[/]",
        TruthLevel.AiLan => "[yellow]LN4[/]",
        _ => "[red]C5[/]",
    };

    public static string Time(long micros) => UtcMicros.ToInstant(micros).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    public static string Tags(VaultEntity e)
    {
        if (!e.Payload.TryGetValue("tags", out var json))
        {
            return "";
        }

        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.ValueKind == JsonValueKind.Array
            ? Markup.Escape(string.Join(", ", doc.RootElement.EnumerateArray().Select(t => t.ValueKind == JsonValueKind.String ? t.GetString() : t.GetRawText())))
            : Value(json);
    }

    public static string JsonString(string text) => JsonSerializer.Serialize(text, CliJsonContext.Default.String);

    public static string JsonTags(string csv) =>
        JsonSerializer.Serialize(csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(), CliJsonContext.Default.ListString);
}
