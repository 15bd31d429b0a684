using System.ComponentModel;
using Realign.Vault;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary><c>realign note add TITLE [--body B | --body-file F] [--tags a,b]</c> (or <c>--title T</c>).</summary>
internal sealed class NoteAddCommand : Command<NoteAddCommand.Settings>
{
    internal sealed class Settings : VaultCommandSettings
    {
        [CommandArgument(0, "[TITLE]")]
        [Description("The note's title.")]
        public string? Title { get; set; }

        [CommandOption("--title <TEXT>")]
        [Description("The title, instead of the argument; for a title that starts with '-', write --title=-T (or put the title after --).")]
        public string? TitleOption { get; set; }

        [CommandOption("--body <TEXT>")]
        [Description("The note's text.")]
        public string? Body { get; set; }

        [CommandOption("--body-file <FILE>")]
        [Description("Read the note's text from FILE ('-' for standard input).")]
        public string? BodyFile { get; set; }

        [CommandOption("--tags <LIST>")]
        [Description("Comma-separated tags.")]
        public string? Tags { get; set; }

        [CommandOption("--id <ID>")]
        [Description("An explicit entity id (default: a new one).")]
        public string? Id { get; set; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var title = Show.TitleOf(settings.Title, settings.TitleOption, context);
        var body = Show.BodyText(settings.Body, settings.BodyFile);
        using var vault = VaultSession.Open(settings);
        var id = settings.Id ?? EntityIds.New("n");
        var fields = new List<KeyValuePair<string, string>> { new("title", Show.JsonString(title)), new("body", Show.JsonString(body ?? "")) };
        if (settings.Tags is { } tags)
        {
            fields.Add(new("tags", Show.JsonTags(tags)));
        }

        vault.Put("note", id, fields);
        AnsiConsole.MarkupLine($"[green]note added[/] {Markup.Escape(id)}");
        return 0;
    }
}
