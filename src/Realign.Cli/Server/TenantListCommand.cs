using Realign.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Server;

/// <summary><c>realign admin tenant list</c>.</summary>
internal sealed class TenantListCommand : AsyncCommand<StoreSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, StoreSettings settings, CancellationToken cancellationToken)
    {
        await using var store = await settings.OpenAsync(cancellationToken);
        var table = new Table().AddColumns("id", "name", "mode", "cursor");
        foreach (var t in await store.ListTenantsAsync(cancellationToken))
        {
            table.AddRow(Markup.Escape(t.Id), Markup.Escape(t.Name), t.Mode.ToWire(), t.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        return 0;
    }
}
