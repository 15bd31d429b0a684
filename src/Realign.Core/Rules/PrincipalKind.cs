namespace Realign.Core.Rules;

/// <summary>What a token stands for.</summary>
public enum PrincipalKind
{
    /// <summary>A person's device or app (desktop, web, mobile, cli); also covers the automations and local AI inside its vault.</summary>
    UserDevice,

    /// <summary>An automation runner (level 2).</summary>
    Automation,

    /// <summary>An AI service on the user's machine (level 3).</summary>
    AiLocal,

    /// <summary>An AI service on the local network (level 4).</summary>
    AiLan,

    /// <summary>An AI service in the cloud (level 5).</summary>
    AiCloud,
}
