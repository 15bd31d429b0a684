using System.ComponentModel;
using Realign.Vault;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary><c>realign task add TITLE [--due DATE]</c>.</summary>
internal sealed class TaskAddCommand : Command<TaskAddCommand.Settings>
{
    internal sealed class Settings : VaultCommandSettings
    {
        [CommandArgument(0, "[TITLE]")]
        [Description("The task's title.")]
        public string? Title { get; set; }

        [CommandOption("--title <TEXT>")]
        [Description("The title, instead of the argument; for a title that starts with '-', write --title=-T (or put the title after --).")]
        public string? TitleOption { get; set; }

        [CommandOption("--due <DATE>")]
        [Description("A due date (free text, e.g. 2026-12-01).")]
        public string? Due { get; set; }

        [CommandOption("--id <ID>")]
        public string? Id { get; set; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var title = Show.TitleOf(settings.Title, settings.TitleOption, context);
        using var vault = VaultSession.Open(settings);
        var id = settings.Id ?? EntityIds.New("t");
        var fields = new List<KeyValuePair<string, string>> { new("title", Show.JsonString(title)), new("done", "false") };
        if (settings.Due is { } due)
        {
            fields.Add(new("due", Show.JsonString(due)));
        }

        vault.Put("task", id, fields);
        AnsiConsole.MarkupLine($"[green]task added[/] {Markup.Escape(id)}");
        return 0;
    }
}
