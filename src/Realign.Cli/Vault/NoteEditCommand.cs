using System.ComponentModel;
using Realign.Vault;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary><c>realign note edit ID [--title T] [--body B] [--tags a,b]</c>.</summary>
internal sealed class NoteEditCommand : Command<NoteEditCommand.Settings>
{
    internal sealed class Settings : VaultCommandSettings
    {
        [CommandArgument(0, "<ID>")]
        public string Id { get; set; } = "";

        [CommandOption("--title <TEXT>")]
        public string? Title { get; set; }

        [CommandOption("--body <TEXT>")]
        public string? Body { get; set; }

        [CommandOption("--body-file <FILE>")]
        [Description("Read the new text from FILE ('-' for standard input).")]
        public string? BodyFile { get; set; }

        [CommandOption("--tags <LIST>")]
        [Description("Comma-separated tags (replaces the list).")]
        public string? Tags { get; set; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        if (vault.Get("note", settings.Id) is not { IsDeleted: false })
        {
            throw new VaultException($"no note '{settings.Id}'");
        }

        var fields = new List<KeyValuePair<string, string>>();
        if (settings.Title is { } t)
        {
            fields.Add(new("title", Show.JsonString(t)));
        }

        if (Show.BodyText(settings.Body, settings.BodyFile) is { } b)
        {
            fields.Add(new("body", Show.JsonString(b)));
        }

        if (settings.Tags is { } tags)
        {
            fields.Add(new("tags", Show.JsonTags(tags)));
        }

        if (fields.Count == 0)
        {
            throw new VaultException("nothing to change: give --title, --body, --body-file or --tags");
        }

        vault.Put("note", settings.Id, fields);
        AnsiConsole.MarkupLine($"[green]note updated[/] {Markup.Escape(settings.Id)}");
        return 0;
    }
}
