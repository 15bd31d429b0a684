using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary><c>realign task list</c>.</summary>
internal sealed class TaskListCommand : Command<VaultCommandSettings>
{
    public override int Execute(CommandContext context, VaultCommandSettings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        var table = new Table().AddColumn(new TableColumn("id").NoWrap()).AddColumns("", "title", "due", "level");
        foreach (var task in vault.List("task"))
        {
            var done = task.Payload.GetValueOrDefault("done") == "true";
            table.AddRow(
                Markup.Escape(task.EntityId),
                done ? "[green]✓[/]" : "[grey]·[/]",
                Show.Value(task.Payload.GetValueOrDefault("title")),
                Show.Value(task.Payload.GetValueOrDefault("due")),
                Show.Level(task.State.TruthLevel));
        }

        AnsiConsole.Write(table);
        return 0;
    }
}
