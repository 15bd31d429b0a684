using Realign.Core.Contract;
using Realign.Core.Rules;
using Realign.Core.Truth;
using Realign.Server.Api;
using Realign.Storage;
using Realign.Web.Review;

namespace Realign.Server.Review;

internal sealed partial class ServerReviewSource
{
    private ConfirmationDto? _confirmation;
    private bool _confirmed;

    public void UseConfirmation(string? totp, string? pin) =>
        _confirmation = totp is null && pin is null ? null : new ConfirmationDto(totp, totp is null ? pin : null);

    /// <summary>Checks the form's confirmation for this request's action, once: a batch of decisions is one action.</summary>
    private async Task ConfirmOnceAsync(string action, CancellationToken cancellationToken)
    {
        if (_confirmed)
        {
            return;
        }

        var outcome = await confirmations.VerifyAsync(principal, _confirmation, action, cancellationToken).ConfigureAwait(false);
        if (!outcome.Confirmed)
        {
            throw new ReviewRefusedException(outcome.Problem!.Code == ProblemCodes.ConfirmationRequired
                ? "this needs a confirmation: enter the code your authenticator shows, or your PIN"
                : outcome.Problem.Detail);
        }

        _confirmed = true;
    }

    public async Task<SecurityView> SecurityAsync(CancellationToken cancellationToken = default)
    {
        var status = await confirmations.StatusAsync(TenantId, cancellationToken).ConfigureAwait(false);
        var owner = principal.IsOwner(channels);
        PendingEnrolment? pending = null;
        if (owner && status.TotpPending && await Guard(() => confirmations.PendingAsync(principal, cancellationToken)).ConfigureAwait(false) is { } enrolment)
        {
            pending = new PendingEnrolment(enrolment.Secret, enrolment.OtpauthUri, QrPng(enrolment.OtpauthUri));
        }

        var devices = (await store.ListPrincipalsAsync(TenantId, cancellationToken).ConfigureAwait(false))
            .Select(p => new SecurityDevice(p.PrincipalId, p.Kind.ToWire(), p.Channel, p.Label, p.CanAccept, p.Revoked, p.LastSyncAt is { } at ? Minute(at) : null, p.PrincipalId == principal.PrincipalId))
            .ToList();
        var rules = channels.Rules.Select(r => new SecurityChannel(r.Channel, Levels(r.Rule.Levels), Levels(r.Rule.ConfirmLevels), ChannelPolicy.ToWire(r.Rule.Accept))).ToList();
        return new SecurityView(owner, status.Totp, pending, status.Pin, status.LockedUntil, status.Failures, devices, rules);
    }

    public async Task StartTotpAsync(CancellationToken cancellationToken = default)
    {
        RequireOwner();
        if (await confirmations.AnyEnrolledAsync(TenantId, cancellationToken).ConfigureAwait(false))
        {
            await ConfirmOnceAsync("review UI: enrol a new authenticator", cancellationToken).ConfigureAwait(false);
        }

        await Guard(() => confirmations.StartTotpAsync(principal, cancellationToken)).ConfigureAwait(false);
    }

    public async Task ActivateTotpAsync(string code, CancellationToken cancellationToken = default)
    {
        RequireOwner();
        if (await Guard(() => confirmations.ActivateTotpAsync(principal, code.Trim(), cancellationToken)).ConfigureAwait(false) is { } problem)
        {
            throw new ReviewRefusedException(problem.Detail);
        }
    }

    public async Task SetPinAsync(string pin, CancellationToken cancellationToken = default)
    {
        RequireOwner();
        if (Confirm.ConfirmationService.PinProblem(pin) is { } weak)
        {
            throw new ReviewRefusedException(weak);
        }

        if (await confirmations.AnyEnrolledAsync(TenantId, cancellationToken).ConfigureAwait(false))
        {
            await ConfirmOnceAsync("review UI: change the PIN", cancellationToken).ConfigureAwait(false);
        }

        await Guard(async () => { await confirmations.SetPinAsync(principal, pin, cancellationToken).ConfigureAwait(false); return true; }).ConfigureAwait(false);
    }

    public async Task RemoveConfirmationAsync(string factor, CancellationToken cancellationToken = default)
    {
        RequireOwner();
        if (factor is not ("totp" or "pin"))
        {
            throw new ReviewRefusedException("factor is totp or pin");
        }

        await ConfirmOnceAsync("review UI: remove the " + factor, cancellationToken).ConfigureAwait(false);
        await confirmations.RemoveAsync(principal, factor, cancellationToken).ConfigureAwait(false);
    }

    public async Task RenameDeviceAsync(string principalId, string label, CancellationToken cancellationToken = default)
    {
        RequireOwner();
        try
        {
            if (!await store.RenamePrincipalAsync(TenantId, principalId, label.Trim(), cancellationToken).ConfigureAwait(false))
            {
                throw new ReviewRefusedException($"no device '{principalId}' here", 404);
            }
        }
        catch (ReplicaStoreException ex)
        {
            throw new ReviewRefusedException(ex.Message, ex);
        }
    }

    public async Task RevokeDeviceAsync(string principalId, CancellationToken cancellationToken = default)
    {
        RequireOwner();
        if (principalId == principal.PrincipalId)
        {
            throw new ReviewRefusedException("this is the token you are signed in with; revoke it from another device or sign out");
        }

        if (!await store.RevokeTokenAsync(TenantId, principalId, cancellationToken).ConfigureAwait(false))
        {
            throw new ReviewRefusedException($"no device '{principalId}' here", 404);
        }

        var detail = new System.Text.Json.Nodes.JsonObject { ["by"] = WebOrigin, ["revoked"] = principalId }.ToJsonString();
        await store.RecordEventAsync(EventLog.Security, TenantId, new EventEntry(0, UtcMicros.From(clock.GetUtcNow()), "device-revoked", principal.PrincipalId, null, null, null, detail), cancellationToken).ConfigureAwait(false);
    }

    public async Task SetChannelAsync(string channel, string levels, string confirmLevels, string accept, CancellationToken cancellationToken = default)
    {
        RequireOwner();
        var body = new ChannelPolicyDto(new Dictionary<string, ChannelRuleDto>(StringComparer.Ordinal)
        {
            [channel] = new ChannelRuleDto(ParseLevels(levels, "levels"), ParseLevels(confirmLevels, "levels with a confirmation"), accept),
        });
        var command = new ChannelPolicyCommand(TenantId, current =>
        {
            if (!ChannelPolicies.TryApply(current, body, out var updated, out var errors))
            {
                throw new ReviewRefusedException(string.Join("; ", errors.Select(e => e.Message)));
            }

            return principal.IsOwner(updated) ? updated : throw new ReviewRefusedException($"this change would take the owner's rights from the {principal.Channel} channel you are signed in with; make it from another owner device");
        }, principal.PrincipalId, WebOrigin, UtcMicros.From(clock.GetUtcNow()));
        await store.SetChannelPolicyAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private void RequireOwner()
    {
        if (!principal.IsOwner(channels))
        {
            throw new ReviewRefusedException("only the owner's device (a token with the accept right on a trusted channel) changes this", 403);
        }
    }

    private static List<int> ParseLevels(string text, string what) =>
        ChannelPolicies.ParseLevelList(text) ?? throw new ReviewRefusedException($"{what}: '{text}' is not a list of levels; use 1 to 5, separated by commas");

    private static string Levels(IReadOnlyList<TruthLevel> levels) => string.Join(",", levels.Order().Select(l => (int)l));

    private static string Minute(long micros) => UtcMicros.Format(micros)[..16].Replace('T', ' ') + " UTC";

    private static string QrPng(string text)
    {
        using var generator = new QRCoder.QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCoder.QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new QRCoder.PngByteQRCode(data).GetGraphic(5));
    }

    private static async Task<T> Guard<T>(Func<Task<T>> run)
    {
        try
        {
            return await run().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is Confirm.ConfirmUnavailableException or Confirm.SecretsKeyMismatchException)
        {
            throw new ReviewRefusedException(ex.Message);
        }
    }
}
