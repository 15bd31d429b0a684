using System.ComponentModel;
using Realign.Core.Rules;
using Realign.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Server;

/// <summary><c>realign admin token list --tenant NAME</c>.</summary>
internal sealed class TokenListCommand : AsyncCommand<TokenListCommand.Settings>
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
        var table = new Table().AddColumns("principal", "kind", "channel", "can accept", "revoked", "label");
        foreach (var p in await store.ListPrincipalsAsync(tenant.Id, cancellationToken))
        {
            table.AddRow(Markup.Escape(p.PrincipalId), p.Kind.ToWire(), p.Channel ?? "", p.CanAccept ? "yes" : "no", p.Revoked ? "yes" : "no", Markup.Escape(p.Label ?? ""));
        }

        AnsiConsole.Write(table);
        return 0;
    }
}
