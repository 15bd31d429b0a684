using System.ComponentModel;
using Realign.Cli.Vault;
using Realign.Core.Contract;
using Realign.Vault;
using Spectre.Console.Cli;

namespace Realign.Cli.Assist;

/// <summary><c>realign policy set [--local X] [--lan X] [--cloud X]</c>: full, redacted, vectors or none, through the server.</summary>
internal sealed class PolicySetCommand : AsyncCommand<PolicySetCommand.Settings>
{
    internal sealed class Settings : VaultListSettings
    {
        [CommandOption("--local <EXPOSURE>")]
        [Description("What level 3 (assistants on this machine) may read: full, redacted, vectors (embeddings only) or none.")]
        public string? Local { get; set; }

        [CommandOption("--lan <EXPOSURE>")]
        [Description("What level 4 (assistants on your network) may read.")]
        public string? Lan { get; set; }

        [CommandOption("--cloud <EXPOSURE>")]
        [Description("What level 5 (cloud assistants) may read.")]
        public string? Cloud { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Local is null && settings.Lan is null && settings.Cloud is null)
        {
            throw new VaultException("give at least one of --local, --lan and --cloud, each full, redacted, vectors or none");
        }

        foreach (var (name, value) in new[] { ("--local", settings.Local), ("--lan", settings.Lan), ("--cloud", settings.Cloud) })
        {
            if (value is not null && !Exposures.TryParse(value, out _))
            {
                throw new VaultException(Exposures.Describe(value, name));
            }
        }

        using var vault = VaultSession.Open(settings);
        using var transport = VaultSession.Transport(vault);
        var stored = await transport.SetExposureAsync(new ExposurePolicyDto(settings.Local, settings.Lan, settings.Cloud), cancellationToken);
        vault.CacheExposure(stored);
        PolicyShowCommand.Print(vault.ExposurePolicy, settings.Json);
        return 0;
    }
}
