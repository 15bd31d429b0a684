using Realign.Vault;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary><c>realign task done ID</c>.</summary>
internal sealed class TaskDoneCommand : Command<TaskDoneCommand.Settings>
{
    internal sealed class Settings : VaultCommandSettings
    {
        [CommandArgument(0, "<ID>")]
        public string Id { get; set; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        if (vault.Get("task", settings.Id) is not { IsDeleted: false })
        {
            throw new VaultException($"no task '{settings.Id}'");
        }

        vault.Put("task", settings.Id, [new("done", "true")]);
        AnsiConsole.MarkupLine($"[green]done[/] {Markup.Escape(settings.Id)}");
        return 0;
    }
}
