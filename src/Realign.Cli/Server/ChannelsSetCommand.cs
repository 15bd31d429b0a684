using System.ComponentModel;
using Realign.Core.Contract;
using Realign.Core.Rules;
using Realign.Core.Truth;
using Realign.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Server;

/// <summary><c>realign admin channels set --tenant NAME --channel CHANNEL [--levels 1,2] [--confirm-levels 1] [--accept MODE]</c>.</summary>
internal sealed class ChannelsSetCommand : AsyncCommand<ChannelsSetCommand.Settings>
{
    internal sealed class Settings : StoreSettings
    {
        [CommandOption("--tenant <NAME>")]
        [Description("Tenant name or id")]
        public string? Tenant { get; init; }

        [CommandOption("--channel <CHANNEL>")]
        [Description("desktop, web, mobile, cli, voice or iot")]
        public string? Channel { get; init; }

        [CommandOption("--levels <LIST>")]
        [Description("Levels the channel writes as it is, e.g. 1,2,3,4,5 or 2 (none: an empty string)")]
        public string? Levels { get; init; }

        [CommandOption("--confirm-levels <LIST>")]
        [Description("Levels it writes only with a confirmation (TOTP or PIN), e.g. 1")]
        public string? ConfirmLevels { get; init; }

        [CommandOption("--accept <MODE>")]
        [Description("Whether it accepts suggestions: allow, confirm or deny")]
        public string? Accept { get; init; }

        [CommandOption("--json")]
        [Description("Print the policy as stored, as JSON.")]
        public bool Json { get; init; }

        public override ValidationResult Validate()
        {
            if (Channel is null || !ChannelPolicy.Names.Contains(Channel))
            {
                return ValidationResult.Error($"--channel is one of {string.Join(", ", ChannelPolicy.Names)}");
            }

            if (Levels is null && ConfirmLevels is null && Accept is null)
            {
                return ValidationResult.Error("give at least one of --levels, --confirm-levels and --accept");
            }

            foreach (var (name, value) in new[] { ("--levels", Levels), ("--confirm-levels", ConfirmLevels) })
            {
                if (value is not null && ParseLevels(value) is null)
                {
                    return ValidationResult.Error($"{name} is a comma-separated list of levels 1 to 5, e.g. 1,2");
                }
            }

            return Accept is not null && !ChannelPolicy.TryParseAccept(Accept, out _) ? ValidationResult.Error("--accept is allow, confirm or deny") : base.Validate();
        }

        public static List<int>? ParseLevels(string text) => ChannelPolicies.ParseLevelList(text);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var store = await settings.OpenAsync(cancellationToken);
        var tenant = await store.FindTenantAsync(settings.Tenant ?? "", cancellationToken) ?? throw new InvalidOperationException($"no tenant '{settings.Tenant}'");
        var rule = new ChannelRuleDto(settings.Levels is null ? null : Settings.ParseLevels(settings.Levels), settings.ConfirmLevels is null ? null : Settings.ParseLevels(settings.ConfirmLevels), settings.Accept);
        var body = new ChannelPolicyDto(new Dictionary<string, ChannelRuleDto> { [settings.Channel!] = rule });
        var stored = await store.SetChannelPolicyAsync(new ChannelPolicyCommand(tenant.Id, current =>
            ChannelPolicies.TryApply(current, body, out var updated, out var errors) ? updated : throw new InvalidOperationException("the channel policy was not changed: " + string.Join("; ", errors.Select(e => e.Message))),
            null, "admin-cli", UtcMicros.From(DateTimeOffset.UtcNow)), cancellationToken);
        ChannelsShowCommand.Print(stored, settings.Json);
        return 0;
    }
}
