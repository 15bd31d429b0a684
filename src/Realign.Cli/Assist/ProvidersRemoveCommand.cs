using Realign.Cli.Vault;
using Realign.Vault;
using Realign.Vault.Assist;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Assist;

/// <summary><c>realign assist providers remove NAME</c>.</summary>
internal sealed class ProvidersRemoveCommand : Command<ProvidersRemoveCommand.Settings>
{
    internal sealed class Settings : VaultCommandSettings
    {
        [CommandArgument(0, "<NAME>")]
        public string Name { get; set; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        var config = AssistSettings.Load(vault.Directory);
        if (config.Providers.RemoveAll(p => string.Equals(p.Name, settings.Name, StringComparison.OrdinalIgnoreCase)) == 0)
        {
            throw new VaultException($"no provider '{settings.Name}' in {AssistSettings.FileName} (the built-in one cannot be removed)");
        }

        if (string.Equals(config.Default, settings.Name, StringComparison.OrdinalIgnoreCase))
        {
            config.Default = null;
        }

        config.Save(vault.Directory);
        AnsiConsole.MarkupLine($"[green]removed[/] provider {Markup.Escape(settings.Name)}");
        return 0;
    }
}
