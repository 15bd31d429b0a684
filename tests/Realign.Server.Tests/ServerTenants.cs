using System.Text.Json;
using Realign.Core.Contract;
using Realign.Storage;

namespace Realign.Server.Tests;

/// <summary>The tenants the server tests push as, on a <see cref="HostedServer"/>.</summary>
public static class ServerTenants
{
    private static readonly string[] Names = ["owner", "web", "mobile", "automation", "ai-cloud"];

    /// <summary>A local-first tenant with tokens for owner (desktop, can accept), web (can accept), mobile, automation and ai-cloud.</summary>
    public static Task<TenantUnderTest> NewAsync(HostedServer server) =>
        server.NewTenantAsync(VaultMode.LocalFirst, Principals.All.Where(p => Names.Contains(p.Name)));

    /// <summary>A second, cloud-first tenant of the same server with an owner token only.</summary>
    public static Task<TenantUnderTest> SecondAsync(HostedServer server) =>
        server.NewTenantAsync(VaultMode.CloudFirst, Principals.All.Where(p => p.Name == "owner"));

    /// <summary>The current head of note <paramref name="id"/>, asserting it is there.</summary>
    public static async Task<JsonElement> HeadAsync(this HostedServer server, string id, string token)
    {
        var reply = await server.Api.GetAsync($"/sync/entities/note/{id}", token);
        Assert.Equal(200, reply.Status);
        return reply.Json;
    }
}
