using Realign.Core.Rules;

namespace Realign.Testing;

public static class Principals
{
    public static IReadOnlyList<(string Name, PrincipalKind Kind, string? Channel, bool CanAccept)> All { get; } =
    [
        ("owner", PrincipalKind.UserDevice, "desktop", true),
        ("web", PrincipalKind.UserDevice, "web", true),
        ("mobile", PrincipalKind.UserDevice, "mobile", false),
        ("cli", PrincipalKind.UserDevice, "cli", false),
        ("voice", PrincipalKind.UserDevice, "voice", false),
        ("automation", PrincipalKind.Automation, null, false),
        ("ai-local", PrincipalKind.AiLocal, null, false),
        ("ai-lan", PrincipalKind.AiLan, null, false),
        ("ai-cloud", PrincipalKind.AiCloud, null, false),
    ];
}
