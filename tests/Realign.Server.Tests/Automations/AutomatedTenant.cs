using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Realign.Server.Automations;
using static Realign.Server.Tests.Items;

namespace Realign.Server.Tests.Automations;

/// <summary>A tenant of a <see cref="HostedServer"/> whose owner writes rules and notes over HTTP, and what the server's
/// automations made of them, read back over HTTP.</summary>
internal sealed class AutomatedTenant(HostedServer server, TenantUnderTest tenant)
{
    public HostedServer Server => server;

    public string Id => tenant.Id;

    public TenantUnderTest Tenant => tenant;

    public AutomationService Automations => server.Host.Services.GetRequiredService<AutomationService>();

    public static async Task<AutomatedTenant> NewAsync(HostedServer server, Realign.Core.Contract.VaultMode mode = Realign.Core.Contract.VaultMode.CloudFirst, string[]? principals = null) =>
        new(server, await server.NewTenantAsync(mode, Principals.All.Where(p => (principals ?? ["owner"]).Contains(p.Name))));

    public Task<Reply> RuleAsync(string id, string trigger, string actions, string? at = null) =>
        PushAsync(Item(id, 1, "user:desktop", 0, $$"""{"name":"rule {{id}}","trigger":{{trigger}},"actions":{{actions}}}""", type: "automation").With("last_modified_at", at ?? At(0)));

    public Task<Reply> NotesAsync(params string[] titles) =>
        PushAsync(titles.Select(t => User(t.Replace(' ', '-').ToLowerInvariant(), 1, new JsonObject { ["title"] = t }.ToJsonString())).ToArray());

    public async Task<Reply> PushAsync(params JsonObject[] items)
    {
        var reply = await server.Api.PushAsync(tenant.Owner, Batch(items));
        Assert.True(reply.Status == 200, reply.Body);
        return reply;
    }

    /// <summary>Every live head of a type, pulled from the start.</summary>
    public async Task<List<JsonElement>> PullAsync(string type)
    {
        var heads = new List<JsonElement>();
        long cursor = 0;
        for (var page = 0; page < 100; page++)
        {
            var reply = await server.Api.GetAsync($"/sync/pull?since={cursor}&limit=1000", tenant.Owner);
            Assert.Equal(200, reply.Status);
            heads.AddRange(reply.Json.GetProperty("items").EnumerateArray().Where(h => h.GetProperty("entity_type").GetString() == type && !h.GetProperty("deleted").GetBoolean()));
            cursor = reply.Json.GetProperty("next_cursor").GetInt64();
            if (!reply.Json.GetProperty("has_more").GetBoolean())
            {
                break;
            }
        }

        return heads;
    }

    public async Task<JsonElement> HeadAsync(string type, string id)
    {
        var reply = await server.Api.GetAsync($"/sync/entities/{type}/{id}", tenant.Owner);
        Assert.Equal(200, reply.Status);
        return reply.Json;
    }

    public async Task<List<JsonElement>> SecurityEventsAsync() =>
        [.. (await server.Api.GetAsync("/security/events", tenant.Owner)).Json.EnumerateArray()];

    /// <summary>Waits until <paramref name="count"/> heads of <paramref name="type"/> are live, and returns them.</summary>
    public Task<List<JsonElement>> UntilAsync(string type, int count) =>
        Eventually.UntilAsync(async () => await PullAsync(type) is { } heads && heads.Count >= count ? heads : null, $"{count} {type}(s) in tenant {Id}");

    /// <summary>Waits for the rule's recorded outcome (last_outcome) to satisfy <paramref name="accept"/>.</summary>
    public async Task<JsonElement> UntilRuleAsync(string ruleId, Func<string, bool> accept)
    {
        JsonElement found = default;
        await Eventually.UntilAsync(async () =>
        {
            var head = await HeadAsync("automation", ruleId);
            if (head.GetProperty("payload").TryGetProperty("last_outcome", out var outcome) && accept(outcome.GetString()!))
            {
                found = head;
                return true;
            }

            return false;
        }, $"an outcome recorded on rule {ruleId}");
        return found;
    }

    /// <summary>Waits until the server has completed two more full rounds (so one started after this call and visited every tenant).</summary>
    public Task FullRoundsAsync(int rounds = 2)
    {
        var after = Automations.FullRounds + rounds;
        return Eventually.UntilAsync(() => Task.FromResult(Automations.FullRounds >= after), $"{rounds} full automation rounds");
    }
}
