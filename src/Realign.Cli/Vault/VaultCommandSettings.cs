using System.ComponentModel;
using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary>Options every vault command shares: which vault.</summary>
internal class VaultCommandSettings : CommandSettings
{
    [CommandOption("--vault <DIR>")]
    [Description("The vault folder (default: $REALIGN_VAULT, else the current folder).")]
    public string? Vault { get; set; }
}
