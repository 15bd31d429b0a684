using System.ComponentModel;
using System.Text.Json;
using Realign.Core.Contract;
using Realign.Core.Rules;
using Realign.Core.Truth;
using Realign.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Server;

/// <summary><c>realign admin channels show --tenant NAME [--json]</c>: the tenant's channel policy.</summary>
internal sealed class ChannelsShowCommand : AsyncCommand<ChannelsShowCommand.Settings>
{
    internal sealed class Settings : StoreSettings
    {
        [CommandOption("--tenant <NAME>")]
        [Description("Tenant name or id")]
        public string? Tenant { get; init; }

        [CommandOption("--json")]
        [Description("Print the policy as the API gives it (GET /sync/policy/channels).")]
        public bool Json { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var store = await settings.OpenAsync(cancellationToken);
        var tenant = await store.FindTenantAsync(settings.Tenant ?? "", cancellationToken) ?? throw new InvalidOperationException($"no tenant '{settings.Tenant}'");
        Print(await store.GetChannelPolicyAsync(tenant.Id, cancellationToken), settings.Json);
        return 0;
    }

    public static void Print(TenantChannels channels, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(channels.Policy.ToDto(channels.UpdatedAt), RealignJsonContext.Default.ChannelPolicyDto));
            return;
        }

        var table = new Table().AddColumns("channel", "writes", "writes with a confirmation", "accepts");
        foreach (var (name, rule) in channels.Policy.Rules)
        {
            table.AddRow(name, Levels(rule.Levels), Levels(rule.ConfirmLevels), ChannelPolicy.ToWire(rule.Accept));
        }

        AnsiConsole.Write(table);
        AnsiConsole.WriteLine(channels.UpdatedAt is { } at ? $"set {UtcMicros.Format(at)}" : "the defaults (never set)");
    }

    private static string Levels(IReadOnlyList<TruthLevel> levels) =>
        levels.Count == 0 ? "-" : string.Join(", ", levels.Order().Select(l => $"{(int)l} {l.DisplayName()}"));
}
