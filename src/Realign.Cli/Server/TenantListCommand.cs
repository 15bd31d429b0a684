using Realign.Core.Contract;
using Realign.Storage;
using Spectre.Console.Cli;
using Spectre.Console;

namespace Realign.Cli.Server;

/// <summary><c>realign admin tenant list</c>.</summary>
internal sealed class TenantListCommand : AsyncCommand<TenantListCommand.Settings>
{
    internal sealed class Settings : StoreSettings
    {
        [CommandOption("--json")]
        [System.ComponentModel.Description("Print JSON (a stable shape, see docs/api.md) instead of a table.")]
        public bool Json { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var store = await settings.OpenAsync(cancellationToken);
        var tenants = await store.ListTenantsAsync(cancellationToken);
        if (settings.Json)
        {
            return JsonOut.Write(w =>
            {
                w.WriteStartArray();
                foreach (var t in tenants)
                {
                    w.WriteStartObject();
                    w.WriteString("id", t.Id);
                    w.WriteString("name", t.Name);
                    w.WriteString("mode", t.Mode.ToWire());
                    w.WriteNumber("cursor", t.Seq);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
        }

        var table = new Table().AddColumns("id", "name", "mode", "cursor");
        foreach (var t in tenants)
        {
            table.AddRow(Markup.Escape(t.Id), Markup.Escape(t.Name), t.Mode.ToWire(), t.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        return 0;
    }
}
