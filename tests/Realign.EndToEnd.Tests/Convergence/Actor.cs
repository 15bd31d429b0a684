using Realign.Core.Rules;

namespace Realign.EndToEnd.Tests.Convergence;

public sealed record Actor(string Name, PrincipalKind Kind, string? Channel, bool CanAccept, (int Level, string Origin)[] Writes)
{
    public static IReadOnlyList<Actor> All { get; } =
    [
        new("desktop", PrincipalKind.UserDevice, "desktop", true, [(1, "user:desktop"), (1, "user:desktop"), (2, "automation:desk"), (3, "ai-local:desk")]),
        new("web", PrincipalKind.UserDevice, "web", true, [(1, "user:web")]),
        new("automation", PrincipalKind.Automation, null, false, [(2, "automation:r1"), (2, "automation:r2")]),
        new("ai-lan", PrincipalKind.AiLan, null, false, [(4, "ai-lan:m")]),
        new("ai-cloud", PrincipalKind.AiCloud, null, false, [(5, "ai-cloud:m"), (5, "ai-cloud:n")]),
    ];
}
