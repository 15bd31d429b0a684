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
        return Markup.Escape(text.Length <= max || Console.IsOutputRedirected ? text : text[..(max - 1)] + "…");
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

    /// <summary>The text of <c>--body</c> or <c>--body-file</c> (a path, or <c>-</c> for standard input), or null for neither.</summary>
    public static string? BodyText(string? body, string? bodyFile)
    {
        if (body is not null && bodyFile is not null)
        {
            throw new Realign.Vault.VaultException("give --body or --body-file, not both");
        }

        if (bodyFile is null)
        {
            return body;
        }

        if (bodyFile == "-")
        {
            return Console.In.ReadToEnd();
        }

        return File.Exists(bodyFile) ? File.ReadAllText(bodyFile) : throw new Realign.Vault.VaultException($"body file '{bodyFile}' does not exist");
    }

    /// <summary>The title from the argument, <c>--title=T</c> or the words after <c>--</c> (both for a title that starts
    /// with '-').</summary>
    public static string TitleOf(string? argument, string? option, Spectre.Console.Cli.CommandContext context)
    {
        var afterDashes = context.Remaining.Raw.Count > 0 ? string.Join(' ', context.Remaining.Raw) : null;
        var given = new[] { argument, option, afterDashes }.Where(t => t is not null).ToList();
        return given.Count switch
        {
            1 => given[0]!,
            0 => throw new Realign.Vault.VaultException("a title is required: give it as the argument (for one that starts with '-': --title=-T, or after --)"),
            _ => throw new Realign.Vault.VaultException("give the title once: as the argument, with --title, or after --"),
        };
    }

    /// <summary>A <c>FIELD=VALUE</c> option split at its first <c>=</c>; the value is JSON or plain text.</summary>
    public static KeyValuePair<string, string> FieldAssignment(string assignment)
    {
        var eq = assignment.IndexOf('=', StringComparison.Ordinal);
        return eq > 0
            ? new(assignment[..eq], assignment[(eq + 1)..])
            : throw new Realign.Vault.VaultException($"'{assignment}' is not FIELD=VALUE");
    }

    public static string JsonString(string text) => JsonSerializer.Serialize(text, CliJsonContext.Default.String);

    public static string JsonTags(string csv) =>
        JsonSerializer.Serialize(csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(), CliJsonContext.Default.ListString);
}
