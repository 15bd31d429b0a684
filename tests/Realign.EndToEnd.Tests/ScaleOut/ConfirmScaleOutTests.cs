using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OtpNet;
using Realign.Core.Rules;
using Realign.EndToEnd.Tests.Harness;
using Realign.Server;
using Realign.Storage;

namespace Realign.EndToEnd.Tests.ScaleOut;

[RequiresPostgres]
public sealed class ConfirmScaleOutTests
{
    private static string Confirmed(string batchId, string code, string id) => new JsonObject
    {
        ["batch_id"] = batchId,
        ["items"] = new JsonArray(Wire.Item(id, 1, "user:voice", 10, """{"title":"said"}""")),
        ["confirmation"] = new JsonObject { ["totp"] = code },
    }.ToJsonString();

    [BackendFact]
    public async Task TwoServersOnOnePostgres_CodeUsedOnOne_ReplayToTheOtherRefused_AndAtTheSameTimeOnlyOneWins()
    {
        if (!PostgresServer.Available())
        {
            return;
        }

        var connection = await PostgresServer.CreateDatabaseAsync("rconfirm");
        using var keys = new TempDir("realign-keys-");
        try
        {
            var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
            var options = new RealignServerOptions { PostgresConnectionString = connection, SecretsKeyFile = keys.Sub("secrets.key"), Clock = clock, Automations = false };
            await using var first = await HostedServer.StartAsync(options);
            await using var second = await HostedServer.StartAsync(options);
            var tenant = await first.NewTenantAsync();
            var voice = await first.Store.CreateTokenAsync(new TokenRequest(tenant.Id, PrincipalKind.UserDevice, "voice", true, "speaker"));
            var start = await first.Api.SendAsync(HttpMethod.Post, "/sync/confirm/totp", tenant.Owner, "{}");
            var totp = new Totp(Base32Encoding.ToBytes(start.Json.GetProperty("secret").GetString()), 30, OtpHashMode.Sha1, 6);
            string Code() => totp.ComputeTotp(clock.GetUtcNow().UtcDateTime);
            var activated = await second.Api.SendAsync(HttpMethod.Post, "/sync/confirm/totp/activate", tenant.Owner, new JsonObject { ["code"] = Code() }.ToJsonString());
            Assert.True(activated.Status == 200, activated.Body);

            clock.Advance(TimeSpan.FromSeconds(30));
            var code = Code();
            var used = await first.Api.PushAsync(voice.Token, Confirmed("b1", code, "n1"));
            var replayed = await second.Api.PushAsync(voice.Token, Confirmed("b2", code, "n2"));

            Assert.True(used.Status == 200, used.Body);
            Assert.Equal(403, replayed.Status);
            Assert.Equal("confirmation-failed", replayed.Code);
            Assert.Equal(404, (await first.Api.GetAsync("/sync/entities/note/n2", tenant.Owner)).Status);

            // The same fresh code sent to both servers at once, many times over: exactly one of each pair confirms.
            for (var round = 0; round < 10; round++)
            {
                clock.Advance(TimeSpan.FromSeconds(30));
                var fresh = Code();
                var replies = await Task.WhenAll(
                    first.Api.PushAsync(voice.Token, Confirmed($"r{round}-a", fresh, $"a{round}")),
                    second.Api.PushAsync(voice.Token, Confirmed($"r{round}-b", fresh, $"b{round}")));
                Assert.Equal(1, replies.Count(r => r.Status == 200));
                Assert.Equal(1, replies.Count(r => r.Status == 403 && r.Code == "confirmation-failed"));

                // A success clears the failure count, so the refused half never adds up to a lockout.
            }
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connection);
        }
    }
}
