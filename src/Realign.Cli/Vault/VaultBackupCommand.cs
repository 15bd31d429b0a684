using System.ComponentModel;
using Realign.Vault;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary><c>realign vault backup FILE</c>: a consistent copy of the vault's database, taken while it is in use.</summary>
internal sealed class VaultBackupCommand : Command<VaultBackupCommand.Settings>
{
    internal sealed class Settings : VaultCommandSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("The new backup file (never overwritten).")]
        public string File { get; init; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        long bytes;
        try
        {
            bytes = vault.BackupTo(settings.File);
        }
        catch (IOException ex)
        {
            throw new VaultException(ex.Message, ex);
        }

        AnsiConsole.MarkupLine($"[green]backed up[/] the vault {Markup.Escape(vault.Directory)} to {Markup.Escape(Path.GetFullPath(settings.File))} ({bytes:N0} bytes)"
            + (vault.Settings.IsLocalFirst ? "; its content stays encrypted: keep the passphrase or key file" : ""));
        return 0;
    }
}
