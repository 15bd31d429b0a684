using System.ComponentModel;
using Realign.Core.Rules;
using Realign.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Server;

/// <summary><c>realign admin token revoke --tenant NAME PRINCIPAL_ID</c>.</summary>
internal sealed class TokenRevokeCommand : AsyncCommand<TokenRevokeCommand.Settings>
{
    internal sealed class Settings : StoreSettings
    {
        [CommandOption("--tenant <NAME>")]
        [Description("Tenant name or id")]
        public string? Tenant { get; init; }

        [CommandArgument(0, "<PRINCIPAL_ID>")]
        [Description("The principal whose token to revoke (see admin token list)")]
        public string PrincipalId { get; init; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var store = await settings.OpenAsync(cancellationToken);
        var tenant = await store.FindTenantAsync(settings.Tenant ?? "", cancellationToken) ?? throw new InvalidOperationException($"no tenant '{settings.Tenant}'");
        if (!await store.RevokeTokenAsync(tenant.Id, settings.PrincipalId, cancellationToken))
        {
            throw new InvalidOperationException($"no principal '{settings.PrincipalId}' in tenant '{tenant.Name}'");
        }

        AnsiConsole.WriteLine($"revoked {settings.PrincipalId}");
        return 0;
    }
}
