using System.ComponentModel;
using Realign.Core.Truth;
using Realign.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Server;

/// <summary><c>realign admin confirm reset --tenant NAME</c>: removes the user's authenticator and PIN and clears a lockout.</summary>
internal sealed class ConfirmResetCommand : AsyncCommand<ConfirmResetCommand.Settings>
{
    internal sealed class Settings : StoreSettings
    {
        [CommandOption("--tenant <NAME>")]
        [Description("Tenant name or id")]
        public string? Tenant { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var store = await settings.OpenAsync(cancellationToken);
        var tenant = await store.FindTenantAsync(settings.Tenant ?? "", cancellationToken) ?? throw new InvalidOperationException($"no tenant '{settings.Tenant}'");
        var removed = await store.ResetConfirmationsAsync(tenant.Id, cancellationToken);
        var detail = new System.Text.Json.Nodes.JsonObject { ["by"] = "admin-cli", ["factors_removed"] = removed }.ToJsonString();
        await store.RecordEventAsync(EventLog.Security, tenant.Id, new EventEntry(0, UtcMicros.From(DateTimeOffset.UtcNow), "confirmations-reset", null, null, null, null, detail), cancellationToken);
        AnsiConsole.WriteLine($"removed {removed} confirmation(s) of tenant {tenant.Name}; its user enrols again from an owner device");
        return 0;
    }
}
