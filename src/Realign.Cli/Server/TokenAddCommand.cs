using System.ComponentModel;
using Realign.Core.Rules;
using Realign.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Server;

/// <summary><c>realign admin token add --tenant NAME --as KIND [--can-accept] [--label TEXT]</c>: prints the new token (shown once).</summary>
internal sealed class TokenAddCommand : AsyncCommand<TokenAddCommand.Settings>
{
    internal sealed class Settings : StoreSettings
    {
        [CommandOption("--tenant <NAME>")]
        [Description("Tenant name or id")]
        public string? Tenant { get; init; }

        [CommandOption("--as <KIND>")]
        [Description("user:desktop|user:web|user:mobile|user:cli|user:voice|automation|automation:iot-DEVICE|ai-local|ai-lan|ai-cloud")]
        public string? As { get; init; }

        [CommandOption("--can-accept")]
        [Description("May accept proposals (user devices only; a voice device accepts only with a confirmation, by the default channel policy)")]
        public bool CanAccept { get; init; }

        [CommandOption("--label <TEXT>")]
        [Description("A note to recognise the token by")]
        public string? Label { get; init; }

        public override ValidationResult Validate()
        {
            if (Tenant is null)
            {
                return ValidationResult.Error("--tenant is required");
            }

            if (!PrincipalKinds.TryParseAs(As, out var kind, out _))
            {
                return ValidationResult.Error("--as must be " + PrincipalKinds.AsForms + " (DEVICE: 1-48 characters of a-z, 0-9 and -)");
            }

            if (CanAccept && kind != PrincipalKind.UserDevice)
            {
                return ValidationResult.Error($"--can-accept is for user devices only; {As} tokens may propose but never accept");
            }

            return base.Validate();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!PrincipalKinds.TryParseAs(settings.As, out var kind, out var channel))
        {
            throw new InvalidOperationException($"unknown --as '{settings.As}'");
        }

        await using var store = await settings.OpenAsync(cancellationToken);
        var tenant = await store.FindTenantAsync(settings.Tenant!, cancellationToken) ?? throw new InvalidOperationException($"no tenant '{settings.Tenant}'");
        var issued = await store.CreateTokenAsync(new TokenRequest(tenant.Id, kind, channel, settings.CanAccept, settings.Label), cancellationToken);
        Console.Error.WriteLine($"principal {issued.Principal.PrincipalId} of tenant {tenant.Name}; the token is shown once:");
        AnsiConsole.WriteLine(issued.Token);
        return 0;
    }
}
