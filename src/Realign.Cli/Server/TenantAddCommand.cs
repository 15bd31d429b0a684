using System.ComponentModel;
using Realign.Core.Contract;
using Realign.Storage;
using Spectre.Console.Cli;
using Spectre.Console;

namespace Realign.Cli.Server;

/// <summary><c>realign admin tenant add NAME --mode local_first|cloud_first</c>: prints the new tenant id.</summary>
internal sealed class TenantAddCommand : AsyncCommand<TenantAddCommand.Settings>
{
    internal sealed class Settings : StoreSettings
    {
        [CommandArgument(0, "<NAME>")]
        [Description("Tenant name")]
        public string Name { get; init; } = "";

        [CommandOption("--mode <MODE>")]
        [Description("local_first (default) or cloud_first")]
        public string Mode { get; init; } = "local_first";

        public override ValidationResult Validate() =>
            !VaultModes.TryParse(Mode, out _) ? ValidationResult.Error("--mode must be local_first or cloud_first") : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var mode = VaultModes.TryParse(settings.Mode, out var m) ? m : VaultMode.LocalFirst;
        await using var store = await settings.OpenAsync(cancellationToken);
        var tenant = await store.CreateTenantAsync(settings.Name, mode, null, cancellationToken);
        AnsiConsole.WriteLine(tenant.Id);
        return 0;
    }
}
