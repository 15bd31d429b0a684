using System.Globalization;
using System.Text.Json.Nodes;
using Realign.Core.Rules;
using Realign.EndToEnd.Tests.Harness;

namespace Realign.EndToEnd.Tests.Security;

public static class Attacks
{
    public static JsonObject Base(string name, PrincipalKind kind, string? channel, string id) => kind switch
    {
        PrincipalKind.UserDevice when channel == "voice" => Wire.Item(id, 2, "automation:voice", 40, """{"title":"t"}"""),
        PrincipalKind.UserDevice => Wire.Item(id, 1, "user:" + channel, 40, """{"title":"t"}"""),
        PrincipalKind.Automation => Wire.Item(id, 2, "automation:rule-" + name, 40, """{"title":"t"}"""),
        PrincipalKind.AiLocal => Wire.Item(id, 3, "ai-local:model", 40, """{"title":"t"}"""),
        PrincipalKind.AiLan => Wire.Item(id, 4, "ai-lan:model", 40, """{"title":"t"}"""),
        _ => Wire.Item(id, 5, "ai-cloud:model", 40, """{"title":"t"}"""),
    };

    public static IEnumerable<(string Attack, JsonObject Item, string Code)> For(string name, PrincipalKind kind, string? channel, bool canAccept, string otherTenant)
    {
        // A voice device reaches level 1 (with a confirmation) on its own channel only: another channel's origin is out of scope.
        var isUser = kind == PrincipalKind.UserDevice && channel != "voice";
        yield return ("escalate-level", isUser ? Base(name, kind, channel, "x").With("origin_source", channel == "desktop" ? "user:web" : "user:desktop") : Base(name, kind, channel, "x").With("truth_level", 1).With("origin_source", "user:desktop"),
            kind == PrincipalKind.UserDevice ? RefusalCodes.ForbiddenOrigin : RefusalCodes.ForbiddenLevel);
        if (channel == "voice")
        {
            yield return ("unconfirmed-user-level", Base(name, kind, channel, "x").With("truth_level", 1).With("origin_source", "user:voice"), RefusalCodes.ConfirmationRequired);
        }
        (int Level, string Origin)? oneUp = kind switch
        {
            PrincipalKind.AiLocal => (2, "automation:rule"),
            PrincipalKind.AiLan => (3, "ai-local:model"),
            PrincipalKind.AiCloud => (4, "ai-lan:model"),
            _ => null,
        };
        if (oneUp is { } up)
        {
            yield return ("escalate-one-level", Base(name, kind, channel, "x").With("truth_level", up.Level).With("origin_source", up.Origin), RefusalCodes.ForbiddenLevel);
        }

        yield return ("last-modified-by-level", Base(name, kind, channel, "n1").With("last_modified_by_level", 1), RefusalCodes.ServerOwnedField);
        yield return ("field-stamps", Base(name, kind, channel, "n1").With("field_stamps", new JsonObject()), RefusalCodes.ServerOwnedField);
        yield return ("tenant-id", Base(name, kind, channel, "n1").With("tenant_id", otherTenant), RefusalCodes.CrossTenant);
        if (!canAccept)
        {
            yield return ("accepted-by-user", Base(name, kind, channel, "n2").With("accepted_by_user", true), RefusalCodes.ForgedAcceptance);
        }

        yield return ("future-time", Base(name, kind, channel, "n1").With("last_modified_at", DateTimeOffset.UtcNow.AddDays(30).ToString("O", CultureInfo.InvariantCulture)), RefusalCodes.TimestampInFuture);
    }
}
