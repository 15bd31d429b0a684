using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary>The vault side of the CLI: vault init, note, task, sync, watch, suggestions, accept, reject, conflicts, resolve, status, log.</summary>
internal static class VaultCommands
{
    public static void Register(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
    }
}
