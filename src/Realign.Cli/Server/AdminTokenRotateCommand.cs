using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Server;

/// <summary><c>realign admin token rotate-admin</c>: replaces every admin token with a new one and prints it once.</summary>
/// <remarks>Works on the store directly (like the other admin commands), so it is the way back in when the admin token that
/// <c>realign serve</c> printed on its first start is lost, and the way to cut off a leaked one.</remarks>
internal sealed class AdminTokenRotateCommand : AsyncCommand<StoreSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, StoreSettings settings, CancellationToken cancellationToken)
    {
        await using var store = await settings.OpenAsync(cancellationToken);
        var token = await store.RotateAdminTokenAsync(cancellationToken);
        AnsiConsole.MarkupLine($"[grey]New admin token for {Markup.Escape(settings.Describe())} (shown once; every earlier admin token stops working):[/]");
        AnsiConsole.WriteLine(token);
        return 0;
    }
}
