using Realign.Assist.Jobs;
using Realign.Cli.Vault;
using Realign.Core.Contract;
using Realign.Vault;
using Realign.Vault.Assist;

namespace Realign.Cli.Assist;

/// <summary>Builds the assistant a command runs: the provider from <c>assist.json</c>, its exposure under the tenant's policy.</summary>
internal static class AssistSession
{
    /// <summary>The assistant for <paramref name="providerName"/> (the default one when null), at the exposure the policy gives its level.</summary>
    public static async Task<Assistant> CreateAsync(LocalVault vault, string? providerName, CancellationToken cancellationToken)
    {
        var settings = AssistSettings.Load(vault.Directory);
        var (identity, entry) = settings.Find(providerName);
        var policy = await RefreshPolicyAsync(vault, cancellationToken);
        return new Assistant(identity, policy.For(identity.Level), new AssistantOptions
        {
            ApiKey = entry?.ApiKey(),
            TenantWords = settings.TenantWords,
            Timeout = TimeSpan.FromSeconds(entry?.TimeoutSeconds ?? 60),
        });
    }

    /// <summary>The tenant's exposure policy: the server's when it answers within a few seconds (and cached), else the
    /// vault's cached copy, else the defaults of its mode.</summary>
    public static async Task<ExposurePolicy> RefreshPolicyAsync(LocalVault vault, CancellationToken cancellationToken)
    {
        if (vault.Settings.ServerUrl is null)
        {
            return vault.ExposurePolicy;
        }

        try
        {
            using var transport = VaultSession.Transport(vault, maxRetries: 1);
            using var quick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            quick.CancelAfter(TimeSpan.FromSeconds(5));
            vault.CacheExposure(await transport.GetExposureAsync(quick.Token));
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or VaultException && !cancellationToken.IsCancellationRequested)
        {
            // Offline or refused: the cached policy (or the mode's defaults) holds; it is never wider than what was last read.
        }

        return vault.ExposurePolicy;
    }
}
