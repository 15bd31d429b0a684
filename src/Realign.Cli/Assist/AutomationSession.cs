using Realign.Assist.Automations;
using Realign.Vault;
using Realign.Vault.Assist;

namespace Realign.Cli.Assist;

/// <summary>The automations of a vault, with the vault's assistants for their <c>assist</c> actions.</summary>
internal static class AutomationSession
{
    public static VaultAutomations For(LocalVault vault) => new(vault, new AutomationOptions
    {
        Assistants = (provider, ct) => AssistSession.CreateAsync(vault, provider, ct),
    });
}
