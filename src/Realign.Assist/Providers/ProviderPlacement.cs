namespace Realign.Assist.Providers;

/// <summary>Where a model runs, which fixes the truth level of what it writes: local 3, LAN 4, cloud 5.</summary>
public enum ProviderPlacement
{
    /// <summary>In process or on this machine (loopback): level 3, <c>ai-local:</c>.</summary>
    Local,

    /// <summary>On the private network: level 4, <c>ai-lan:</c>.</summary>
    Lan,

    /// <summary>Anywhere else: level 5, <c>ai-cloud:</c>.</summary>
    Cloud,
}
