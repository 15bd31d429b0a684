using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary><c>realign task list [--json]</c>.</summary>
internal sealed class TaskListCommand : Command<VaultListSettings>
{
    public override int Execute(CommandContext context, VaultListSettings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        var tasks = vault.List("task");
        if (settings.Json)
        {
            return JsonOut.Write(w =>
            {
                w.WriteStartArray();
                foreach (var task in tasks)
                {
                    w.WriteStartObject();
                    w.WriteString("id", task.EntityId);
                    w.NullableString("title", task.Text("title"));
                    w.WriteBoolean("done", task.Payload.GetValueOrDefault("done") == "true");
                    w.NullableString("due", task.Text("due"));
                    w.WriteNumber("level", (int)task.State.TruthLevel);
                    w.WriteNumber("version", task.ServerVersion);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
        }

        var table = new Table().AddColumn(new TableColumn("id").NoWrap()).AddColumns("", "title", "due", "level");
        foreach (var task in tasks)
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
