using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OtpNet;

namespace Realign.Server.Tests;

/// <summary>What a user with an authenticator app does in the tests: enrol it through the API and read codes off it at the
/// server's (fake) time.</summary>
internal sealed class Authenticator(byte[] secret, FakeTimeProvider clock)
{
    public string Code() => new Totp(secret, 30, OtpHashMode.Sha1, 6).ComputeTotp(clock.GetUtcNow().UtcDateTime);

    /// <summary>Moves the clock to the next 30 s step, so the next code is a new one.</summary>
    public void NextStep() => clock.Advance(TimeSpan.FromSeconds(30));

    public static async Task<Authenticator> EnrolAsync(HostedServer server, string ownerToken, FakeTimeProvider clock)
    {
        var start = await server.Api.SendAsync(HttpMethod.Post, "/sync/confirm/totp", ownerToken, "{}");
        Assert.True(start.Status == 200, start.Body);
        var uri = start.Json.GetProperty("otpauth_uri").GetString()!;
        Assert.StartsWith("otpauth://totp/", uri, StringComparison.Ordinal);
        var authenticator = new Authenticator(Base32Encoding.ToBytes(start.Json.GetProperty("secret").GetString()), clock);
        var activate = await server.Api.SendAsync(HttpMethod.Post, "/sync/confirm/totp/activate", ownerToken, new JsonObject { ["code"] = authenticator.Code() }.ToJsonString());
        Assert.True(activate.Status == 200 && activate.Json.GetProperty("totp").GetBoolean(), activate.Body);
        authenticator.NextStep();
        return authenticator;
    }

    public static JsonObject Totp(string code) => new() { ["totp"] = code };

    public static JsonObject Pin(string pin) => new() { ["pin"] = pin };
}
