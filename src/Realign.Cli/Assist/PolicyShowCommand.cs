using Realign.Cli.Vault;
using Realign.Core.Contract;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Assist;

/// <summary><c>realign policy show [--json]</c>.</summary>
internal sealed class PolicyShowCommand : AsyncCommand<VaultListSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, VaultListSettings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        var policy = await AssistSession.RefreshPolicyAsync(vault, cancellationToken);
        Print(policy, settings.Json);
        return 0;
    }

    internal static void Print(ExposurePolicy policy, bool json)
    {
        if (json)
        {
            JsonOut.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("local", policy.Local.ToWire());
                w.WriteString("lan", policy.Lan.ToWire());
                w.WriteString("cloud", policy.Cloud.ToWire());
                w.WriteEndObject();
            });
            return;
        }

        var table = new Table().AddColumns("level", "runs", "may read");
        table.AddRow("3", "local", policy.Local.ToWire());
        table.AddRow("4", "lan", policy.Lan.ToWire());
        table.AddRow("5", "cloud", policy.Cloud.ToWire());
        AnsiConsole.Write(table);
    }
}
