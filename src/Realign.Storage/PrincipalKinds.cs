using Realign.Core.Rules;

namespace Realign.Storage;

/// <summary>Wire names of <see cref="PrincipalKind"/> (<c>user_device</c>, <c>automation</c>, <c>ai_local</c>, <c>ai_lan</c>,
/// <c>ai_cloud</c>) and the CLI's <c>--as</c> form (<c>user:desktop</c>, <c>automation</c>, <c>ai-local</c>, ...).</summary>
public static class PrincipalKinds
{
    /// <summary>The wire name of a kind.</summary>
    public static string ToWire(this PrincipalKind kind) => kind switch
    {
        PrincipalKind.UserDevice => "user_device",
        PrincipalKind.Automation => "automation",
        PrincipalKind.AiLocal => "ai_local",
        PrincipalKind.AiLan => "ai_lan",
        PrincipalKind.AiCloud => "ai_cloud",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown principal kind"),
    };

    /// <summary>Parses a wire name.</summary>
    public static bool TryParse(string? text, out PrincipalKind kind)
    {
        foreach (var candidate in Enum.GetValues<PrincipalKind>())
        {
            if (candidate.ToWire() == text)
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>The <c>--as</c> forms, for messages.</summary>
    public const string AsForms = "user:desktop|user:web|user:mobile|user:cli|user:voice|automation|automation:iot-DEVICE|ai-local|ai-lan|ai-cloud";

    /// <summary>Parses the <c>--as</c> form: <c>user:CHANNEL</c>, <c>automation</c>, <c>automation:iot-DEVICE</c> (an IoT
    /// device: DEVICE is 1-48 characters of a-z, 0-9 and -), <c>ai-local</c>, <c>ai-lan</c> or <c>ai-cloud</c>.</summary>
    public static bool TryParseAs(string? text, out PrincipalKind kind, out string? channel)
    {
        channel = null;
        kind = default;
        switch (text)
        {
            case null:
                return false;
            case "automation":
                kind = PrincipalKind.Automation;
                return true;
            case "ai-local":
                kind = PrincipalKind.AiLocal;
                return true;
            case "ai-lan":
                kind = PrincipalKind.AiLan;
                return true;
            case "ai-cloud":
                kind = PrincipalKind.AiCloud;
                return true;
            default:
                if (text.StartsWith("automation:" + ChannelPolicy.IotPrefix, StringComparison.Ordinal) && ChannelPolicy.IsValidIotDevice(text[("automation:" + ChannelPolicy.IotPrefix).Length..]))
                {
                    kind = PrincipalKind.Automation;
                    channel = text["automation:".Length..];
                    return true;
                }

                if (text.StartsWith("user:", StringComparison.Ordinal) && PrincipalScope.Channels.Contains(text[5..]))
                {
                    kind = PrincipalKind.UserDevice;
                    channel = text[5..];
                    return true;
                }

                return false;
        }
    }
}
