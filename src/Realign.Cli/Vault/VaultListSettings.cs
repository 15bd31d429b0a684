using System.ComponentModel;
using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary>Options of the vault commands that list or show: which vault, and <c>--json</c>.</summary>
internal class VaultListSettings : VaultCommandSettings
{
    [CommandOption("--json")]
    [Description("Print JSON (a stable shape, see docs/vault.md) instead of a table.")]
    public bool Json { get; set; }
}
