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

        [CommandOption("--json")]
        [Description("Print JSON (a stable shape, see docs/api.md) instead of a table.")]
        public bool Json { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var store = await settings.OpenAsync(cancellationToken);
        var tenant = await store.FindTenantAsync(settings.Tenant ?? "", cancellationToken) ?? throw new InvalidOperationException($"no tenant '{settings.Tenant}'");
        var principals = await store.ListPrincipalsAsync(tenant.Id, cancellationToken);
        if (settings.Json)
        {
            return JsonOut.Write(w =>
            {
                w.WriteStartArray();
                foreach (var p in principals)
                {
                    w.WriteStartObject();
                    w.WriteString("principal", p.PrincipalId);
                    w.WriteString("tenant", tenant.Id);
                    w.WriteString("kind", p.Kind.ToWire());
                    w.NullableString("channel", p.Channel);
                    w.WriteBoolean("can_accept", p.CanAccept);
                    w.WriteBoolean("revoked", p.Revoked);
                    w.NullableString("label", p.Label);
                    w.WriteString("created_at", Core.Truth.UtcMicros.Format(p.CreatedAt));
                    w.NullableString("last_sync_at", p.LastSyncAt is { } at ? Core.Truth.UtcMicros.Format(at) : null);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
        }

        var table = new Table().AddColumns("principal", "kind", "channel", "can accept", "revoked", "label", "last sync");
        foreach (var p in principals)
        {
            var lastSync = p.LastSyncAt is { } at ? Core.Truth.UtcMicros.Format(at)[..16].Replace('T', ' ') + " UTC" : "never";
            table.AddRow(Markup.Escape(p.PrincipalId), p.Kind.ToWire(), p.Channel ?? "", p.CanAccept ? "yes" : "no", p.Revoked ? "yes" : "no", Markup.Escape(p.Label ?? ""), lastSync);
        }

        AnsiConsole.Write(table);
        return 0;
    }
}
