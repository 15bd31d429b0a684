using System.ComponentModel;
using Realign.Vault;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary><c>realign note add TITLE [--body B] [--tags a,b]</c>.</summary>
internal sealed class NoteAddCommand : Command<NoteAddCommand.Settings>
{
    internal sealed class Settings : VaultCommandSettings
    {
        [CommandArgument(0, "<TITLE>")]
        public string Title { get; set; } = "";

        [CommandOption("--body <TEXT>")]
        [Description("The note's text.")]
        public string? Body { get; set; }

        [CommandOption("--tags <LIST>")]
        [Description("Comma-separated tags.")]
        public string? Tags { get; set; }

        [CommandOption("--id <ID>")]
        [Description("An explicit entity id (default: a new one).")]
        public string? Id { get; set; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        var id = settings.Id ?? EntityIds.New("n");
        var fields = new List<KeyValuePair<string, string>> { new("title", Show.JsonString(settings.Title)), new("body", Show.JsonString(settings.Body ?? "")) };
        if (settings.Tags is { } tags)
        {
            fields.Add(new("tags", Show.JsonTags(tags)));
        }

        vault.Put("note", id, fields);
        AnsiConsole.MarkupLine($"[green]note added[/] {Markup.Escape(id)}");
        return 0;
    }
}
