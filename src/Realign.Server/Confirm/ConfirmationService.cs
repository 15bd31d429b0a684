using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OtpNet;
using Realign.Core.Contract;
using Realign.Core.Truth;
using Realign.Server.Api;
using Realign.Server.Internal;
using Realign.Storage;

namespace Realign.Server.Confirm;

/// <summary>Confirmations of a tenant's user: TOTP (RFC 6238: SHA-1, 6 digits, 30 s, one step of drift each way, each step
/// accepted once) and a PIN (PBKDF2-SHA256), both sealed with the server's <see cref="SecretsKey"/>; enrolment, checks,
/// and the lockout after repeated failures. Every check is of one request's action and writes a <c>security_events</c> row.</summary>
/// <remarks>A confirmation is checked inside the request of the action it confirms and used up there: there is no
/// "confirmed for a while" state to steal, and a TOTP code cannot confirm a second action, on this server or another.</remarks>
internal sealed class ConfirmationService(IReplicaStore store, TimeProvider clock, SecretsKey? key, ConfirmGuardRule? guardRule = null)
{
    public const int Digits = 6;
    public const int Period = 30;
    public const string Issuer = "Realign";
    private const int PinIterations = 600_000;

    private readonly ConfirmGuardRule _rule = guardRule ?? ConfirmGuardRule.Default;

    /// <summary>The outcome of a check: null problem when confirmed.</summary>
    public sealed record Outcome(Problem? Problem, string? Factor)
    {
        public bool Confirmed => Problem is null;
    }

    public async Task<ConfirmStatusDto> StatusAsync(string tenantId, CancellationToken ct)
    {
        var state = await store.GetConfirmStateAsync(tenantId, ct).ConfigureAwait(false);
        var now = Now();
        var locked = state.Guard.IsLocked(now) ? UtcMicros.Format(state.Guard.LockedUntil!.Value) : null;
        return new ConfirmStatusDto(state.Factor("totp") is not null, state.Factor("totp_pending") is not null, state.Factor("pin") is not null, state.Guard.LockedUntil is null ? state.Guard.Failures : 0, locked);
    }

    /// <summary>True when the user enrolled any confirmation.</summary>
    public async Task<bool> AnyEnrolledAsync(string tenantId, CancellationToken ct)
    {
        var state = await store.GetConfirmStateAsync(tenantId, ct).ConfigureAwait(false);
        return state.Factor("totp") is not null || state.Factor("pin") is not null;
    }

    /// <summary>Checks <paramref name="given"/> for <paramref name="action"/> (a short description for the security log).</summary>
    /// <remarks>A server without a secrets key, or with another key than the one that sealed the secret, answers 503 with the reason.</remarks>
    public async Task<Outcome> VerifyAsync(PrincipalInfo principal, ConfirmationDto? given, string action, CancellationToken ct)
    {
        try
        {
            return await CheckAsync(principal, given, action, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ConfirmUnavailableException or SecretsKeyMismatchException)
        {
            return new Outcome(new Problem(StatusCodes.Status503ServiceUnavailable, ProblemCodes.ConfirmationUnavailable, ex.Message), null);
        }
    }

    private async Task<Outcome> CheckAsync(PrincipalInfo principal, ConfirmationDto? given, string action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (given is null || (given.Totp is null) == (given.Pin is null))
        {
            var detail = given is null
                ? $"{action} needs a confirmation: send confirmation with a TOTP code (\"totp\") or the PIN (\"pin\")"
                : "a confirmation has exactly one of totp and pin";
            return new Outcome(new Problem(StatusCodes.Status403Forbidden, ProblemCodes.ConfirmationRequired, detail), null);
        }

        var factor = given.Totp is not null ? "totp" : "pin";
        var now = Now();
        var state = await store.GetConfirmStateAsync(principal.TenantId, ct).ConfigureAwait(false);
        if (state.Guard.IsLocked(now))
        {
            var until = UtcMicros.Format(state.Guard.LockedUntil!.Value);
            await LogAsync(principal, "confirmation-locked", new JsonObject { ["factor"] = factor, ["action"] = action, ["locked_until"] = until }, now, ct).ConfigureAwait(false);
            return new Outcome(Locked(state.Guard.LockedUntil!.Value, now), factor);
        }

        if (state.Factor(factor) is not { } stored)
        {
            await LogAsync(principal, "confirmation-not-enrolled", new JsonObject { ["factor"] = factor, ["action"] = action }, now, ct).ConfigureAwait(false);
            return new Outcome(new Problem(StatusCodes.Status403Forbidden, ProblemCodes.ConfirmationNotEnrolled,
                factor == "totp"
                    ? "no authenticator is enrolled for this tenant's user; enrol one (the review UI's Security page, or POST /sync/confirm/totp) or confirm with the PIN"
                    : "no PIN is set for this tenant's user; set one (the review UI's Security page, or PUT /sync/confirm/pin) or confirm with a TOTP code"), factor);
        }

        var key = RequireKey();
        string? reason = null;
        long? step = null;
        if (factor == "totp")
        {
            if (MatchStep(key.Open(stored.Secret, TotpContext(principal.TenantId)), given.Totp!, now) is not { } matched)
            {
                reason = "wrong";
            }
            else if (!await store.TryUseTotpStepAsync(principal.TenantId, matched, ct).ConfigureAwait(false))
            {
                reason = "replayed";
            }
            else
            {
                step = matched;
            }
        }
        else if (!PinMatches(key.Open(stored.Secret, PinContext(principal.TenantId)), given.Pin!))
        {
            reason = "wrong";
        }

        if (reason is not null)
        {
            return new Outcome(await FailAsync(principal, factor, reason, action, now, ct).ConfigureAwait(false), factor);
        }

        if (state.Guard != ConfirmGuard.None)
        {
            await store.ResetConfirmFailuresAsync(principal.TenantId, ct).ConfigureAwait(false);
        }

        var used = new JsonObject { ["factor"] = factor, ["action"] = action };
        if (step is { } s)
        {
            used["time_step"] = s;
        }

        await LogAsync(principal, "confirmation-used", used, now, ct).ConfigureAwait(false);
        return new Outcome(null, factor);
    }

    /// <summary>Starts an enrolment: a new secret, stored sealed as pending until its first code activates it.</summary>
    public async Task<TotpEnrollmentDto> StartTotpAsync(PrincipalInfo principal, CancellationToken ct)
    {
        var key = RequireKey();
        var secret = KeyGeneration.GenerateRandomKey(20);
        var base32 = Base32Encoding.ToString(secret).TrimEnd('=');
        await store.PutConfirmFactorAsync(principal.TenantId, "totp_pending", key.Seal(secret, TotpContext(principal.TenantId)), null, Now(), ct).ConfigureAwait(false);
        var uri = new OtpUri(OtpType.Totp, base32, principal.TenantName, Issuer, OtpHashMode.Sha1, Digits, Period).ToString();
        await LogAsync(principal, "totp-enrolment-started", [], Now(), ct).ConfigureAwait(false);
        return new TotpEnrollmentDto(base32, uri, Digits, Period, "SHA1");
    }

    /// <summary>The enrolment waiting for its first code, for its owner to see again (its secret, its URI), or null.</summary>
    public async Task<TotpEnrollmentDto?> PendingAsync(PrincipalInfo principal, CancellationToken ct)
    {
        var state = await store.GetConfirmStateAsync(principal.TenantId, ct).ConfigureAwait(false);
        if (state.Factor("totp_pending") is not { } pending)
        {
            return null;
        }

        var base32 = Base32Encoding.ToString(RequireKey().Open(pending.Secret, TotpContext(principal.TenantId))).TrimEnd('=');
        return new TotpEnrollmentDto(base32, new OtpUri(OtpType.Totp, base32, principal.TenantName, Issuer, OtpHashMode.Sha1, Digits, Period).ToString(), Digits, Period, "SHA1");
    }

    /// <summary>Activates the pending authenticator with its first code; a wrong code counts as a failure.</summary>
    public async Task<Problem?> ActivateTotpAsync(PrincipalInfo principal, string? code, CancellationToken ct)
    {
        var now = Now();
        var state = await store.GetConfirmStateAsync(principal.TenantId, ct).ConfigureAwait(false);
        if (state.Guard.IsLocked(now))
        {
            return Locked(state.Guard.LockedUntil!.Value, now);
        }

        if (state.Factor("totp_pending") is not { } pending)
        {
            return new Problem(StatusCodes.Status409Conflict, ProblemCodes.Conflict, "no enrolment is waiting for its first code; start one with POST /sync/confirm/totp");
        }

        var key = RequireKey();
        if (code is null || MatchStep(key.Open(pending.Secret, TotpContext(principal.TenantId)), code, now) is not { } step)
        {
            return await FailAsync(principal, "totp", "wrong", "activate the authenticator", now, ct).ConfigureAwait(false);
        }

        if (!await store.ActivateTotpAsync(principal.TenantId, pending.Secret, step, now, ct).ConfigureAwait(false))
        {
            return new Problem(StatusCodes.Status409Conflict, ProblemCodes.Conflict, "the enrolment changed meanwhile (another was started); use the newest secret");
        }

        await LogAsync(principal, "totp-enrolled", new JsonObject { ["time_step"] = step }, now, ct).ConfigureAwait(false);
        return null;
    }

    /// <summary>Why a PIN is not acceptable, or null: 4-12 digits, not one digit repeated, not a run up or down.</summary>
    public static string? PinProblem(string? pin)
    {
        if (pin is not { Length: >= 4 and <= 12 } || !pin.All(char.IsAsciiDigit))
        {
            return "a PIN is 4 to 12 digits";
        }

        var up = true;
        var down = true;
        for (var i = 1; i < pin.Length; i++)
        {
            up &= pin[i] == (char)(pin[i - 1] + 1);
            down &= pin[i] == (char)(pin[i - 1] - 1);
        }

        return pin.Distinct().Count() == 1 || up || down ? "that PIN is too easy to guess (one digit repeated, or a run like 1234); choose another" : null;
    }

    public async Task SetPinAsync(PrincipalInfo principal, string pin, CancellationToken ct)
    {
        var key = RequireKey();
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(pin), salt, PinIterations, HashAlgorithmName.SHA256, 32);
        var stored = $"pbkdf2-sha256${PinIterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
        await store.PutConfirmFactorAsync(principal.TenantId, "pin", key.Seal(Encoding.UTF8.GetBytes(stored), PinContext(principal.TenantId)), null, Now(), ct).ConfigureAwait(false);
        await LogAsync(principal, "pin-set", [], Now(), ct).ConfigureAwait(false);
    }

    public async Task<bool> RemoveAsync(PrincipalInfo principal, string factor, CancellationToken ct)
    {
        var removed = await store.RemoveConfirmFactorAsync(principal.TenantId, factor, ct).ConfigureAwait(false);
        if (factor == "totp")
        {
            removed |= await store.RemoveConfirmFactorAsync(principal.TenantId, "totp_pending", ct).ConfigureAwait(false);
        }

        await LogAsync(principal, "confirmation-removed", new JsonObject { ["factor"] = factor }, Now(), ct).ConfigureAwait(false);
        return removed;
    }

    /// <summary>The time step a code matches within one step each way, or null.</summary>
    private static long? MatchStep(byte[] secret, string code, long nowMicros)
    {
        if (code.Length != Digits || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        var totp = new Totp(secret, Period, OtpHashMode.Sha1, Digits);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(nowMicros / 1000).UtcDateTime;
        return totp.VerifyTotp(at, code, out var step, new VerificationWindow(previous: 1, future: 1)) ? step : null;
    }

    private static bool PinMatches(byte[] storedBytes, string pin)
    {
        var parts = Encoding.UTF8.GetString(storedBytes).Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256" || !int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var iterations))
        {
            throw new SecretsKeyMismatchException("a stored PIN is not in a form this server reads");
        }

        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(pin), Convert.FromBase64String(parts[2]), iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private async Task<Problem> FailAsync(PrincipalInfo principal, string factor, string reason, string action, long now, CancellationToken ct)
    {
        var guard = await store.RecordConfirmFailureAsync(principal.TenantId, now, _rule, ct).ConfigureAwait(false);
        var failed = new JsonObject { ["factor"] = factor, ["reason"] = reason, ["action"] = action, ["failures"] = guard.LockedUntil is null ? guard.Failures : _rule.MaxFailures };
        await LogAsync(principal, "confirmation-failed", failed, now, ct).ConfigureAwait(false);
        if (guard.IsLocked(now))
        {
            var until = UtcMicros.Format(guard.LockedUntil!.Value);
            await LogAsync(principal, "confirmation-lockout", new JsonObject { ["lockout"] = guard.Lockouts, ["locked_until"] = until }, now, ct).ConfigureAwait(false);
            return Locked(guard.LockedUntil!.Value, now);
        }

        var left = _rule.MaxFailures - guard.Failures;
        var what = reason == "replayed" ? "that TOTP code was already used (each code confirms once); wait for the next one" : $"the {(factor == "totp" ? "TOTP code" : "PIN")} is wrong";
        return new Problem(StatusCodes.Status403Forbidden, ProblemCodes.ConfirmationFailed, $"{what}; nothing was done. {left} more failure(s) lock confirmations for a while");
    }

    private Problem Locked(long until, long now)
    {
        var seconds = Math.Max(1, (until - now + 999_999) / 1_000_000);
        return new Problem(StatusCodes.Status429TooManyRequests, ProblemCodes.ConfirmationLocked,
            $"confirmations are locked after {_rule.MaxFailures} failures until {UtcMicros.Format(until)} (in {seconds} s); nothing was done", retryAfterSeconds: seconds);
    }

    private SecretsKey RequireKey() => key ?? throw new ConfirmUnavailableException();

    private Task LogAsync(PrincipalInfo principal, string kind, JsonObject detail, long now, CancellationToken ct)
    {
        detail["by"] = ExposureBody.ActorOf(principal);
        return store.RecordEventAsync(EventLog.Security, principal.TenantId, new EventEntry(0, now, kind, principal.PrincipalId, null, null, null, detail.ToJsonString()), ct);
    }

    private long Now() => UtcMicros.From(clock.GetUtcNow());

    private static string TotpContext(string tenantId) => "realign-totp:" + tenantId;

    private static string PinContext(string tenantId) => "realign-pin:" + tenantId;
}

/// <summary>The server has no secrets key, so it can neither enrol nor check confirmations.</summary>
internal sealed class ConfirmUnavailableException : Exception
{
    public ConfirmUnavailableException()
        : base("this server has no secrets key, so it cannot enrol or check confirmations: start it with --secrets-key FILE (the same file on every server of its database)")
    {
    }
}
