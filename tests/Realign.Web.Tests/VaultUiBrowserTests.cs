using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using Realign.Cli.Ui;
using Realign.Core.Contract;
using Realign.Core.Truth;
using Realign.Vault;
using Realign.Vault.Sync;

namespace Realign.Web.Tests;

/// <summary>The review UI served from a vault (<c>realign ui</c>), driven in a real headless Chromium against a real server.</summary>
public sealed class VaultUiBrowserTests
{
    private static string AiItem(string id, string payload, int at) => $$"""
        {"batch_id":"b-{{Guid.NewGuid():N}}","items":[{"entity_type":"note","entity_id":"{{id}}","truth_level":5,"origin_source":"ai-cloud:llm","last_modified_at":"{{UtcMicros.Format(UtcMicros.From(DateTimeOffset.UtcNow.AddSeconds(at)))}}","payload":{{payload}}}]}
        """;

    private sealed class Setup : IAsyncDisposable
    {
        public required HostedServer Server { get; init; }

        public required LocalVault Vault { get; init; }

        public required SyncClient Client { get; init; }

        public required HttpSyncTransport Transport { get; init; }

        public required VaultUi Ui { get; init; }

        public required TenantUnderTest Tenant { get; init; }

        public async ValueTask DisposeAsync()
        {
            await Ui.DisposeAsync();
            Transport.Dispose();
            Vault.Dispose();
            await Server.DisposeAsync();
        }
    }

    private static async Task<Setup> StartAsync()
    {
        var server = await HostedServer.StartSqliteAsync();
        var tenant = await server.NewTenantAsync(VaultMode.CloudFirst);
        var vault = LocalVault.Create(server.Folder.Sub("vault"), new VaultSettings(tenant.Id, "desktop", VaultMode.CloudFirst, server.Url));
        var transport = new HttpSyncTransport(server.BaseAddress, tenant.Owner);
        var client = new SyncClient(vault, transport);
        vault.Put("note", "n1", """{"title":"Boiler <script>alert(1)</script>","body":"The boiler knocks."}""");
        vault.Put("note", "n2", """{"title":"Roof","body":"Tiles are loose."}""");
        vault.Put("note", "n3", """{"title":"Garden","body":"Plant tulips."}""");
        await client.SyncAsync();
        foreach (var (id, payload) in new[] { ("n1", """{"title":"Boiler noise"}"""), ("n2", """{"title":"Roof tiles"}"""), ("n3", """{"title":"Garden bulbs"}""") })
        {
            var reply = await server.Api.PushAsync(tenant.Tokens["ai-cloud"], AiItem(id, payload, 1));
            Assert.Equal(200, reply.Status);
        }

        vault.PutAs(OriginSource.Parse("ai-local:builtin"), "task", "t1", [new("title", "\"Call the plumber\""), new("done", "false")]);
        await client.SyncAsync();
        var ui = await VaultUi.StartAsync(vault, 0, () => new HttpSyncTransport(server.BaseAddress, tenant.Owner));
        return new Setup { Server = server, Vault = vault, Client = client, Transport = transport, Ui = ui, Tenant = tenant };
    }

    [BrowserFact]
    public async Task AcceptEditRejectBatchAndPromote_InTheBrowser_AreUserTruthEverywhere()
    {
        await using var s = await StartAsync();
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        await page.GotoAsync(s.Ui.OpenAddress.ToString());

        Assert.Equal(3, await page.Locator("li.suggestion:not(.entity)").CountAsync());
        Assert.Contains("Boiler <script>alert(1)</script>", await page.Locator("ol.suggestions").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("ol.suggestions script").CountAsync());

        var n1 = Suggestion(s.Vault, "n1");
        await page.Locator($"li#{n1} button.accept").ClickAsync();
        await Pages.UrlAsync(page, "**/?done=accepted");
        var title = s.Vault.Get("note", "n1")!.State.FindField("title")!.Effective!.Value;
        Assert.Equal(("\"Boiler noise\"", TruthLevel.User, "ai-cloud:llm"), (title.Value, title.Stamp.Level, title.AcceptedFrom));

        var n2 = Suggestion(s.Vault, "n2");
        await page.Locator($"li#{n2} details.edit summary").ClickAsync();
        await page.Locator($"li#{n2} textarea[name=edited]").FillAsync("Roof: loose tiles");
        await page.Locator($"li#{n2} details.edit button").ClickAsync();
        await Pages.UrlAsync(page, "**/?done=accepted");
        Assert.Equal("Roof: loose tiles", s.Vault.Get("note", "n2")!.Text("title"));

        var n3 = Suggestion(s.Vault, "n3");
        await page.Locator($"li#{n3} button.reject").ClickAsync();
        await Pages.UrlAsync(page, "**/?done=rejected");
        Assert.Equal("Garden", s.Vault.Get("note", "n3")!.Text("title"));
        Assert.Empty(s.Vault.Suggestions());

        await page.Locator("li.suggestion.entity button.accept").ClickAsync();
        await Pages.UrlAsync(page, "**/?done=promoted");
        Assert.Equal(TruthLevel.User, s.Vault.Get("task", "t1")!.State.TruthLevel);

        await page.GotoAsync(new Uri(s.Ui.Address, "entity/note/n1").ToString());
        Assert.Contains("accepted from ai-cloud:llm", await page.Locator("table.fields").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("ai-cloud:llm", await page.Locator("ol.chain").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shots.Path("vault-entity.png"), FullPage = true });

        await page.Locator("form.undo button").ClickAsync();
        await Pages.UrlAsync(page, "**/?done=undone");
        var undone = s.Vault.Get("note", "n1")!.State.FindField("title")!.Effective!.Value;
        Assert.Equal(("Boiler <script>alert(1)</script>", TruthLevel.User, null), (s.Vault.Get("note", "n1")!.Text("title"), undone.Stamp.Level, undone.AcceptedFrom));
        Assert.False(s.Vault.CanUndoAccept("note", "n1", "title"));

        await s.Client.SyncAsync();
        Assert.Equal("Boiler <script>alert(1)</script>", (await s.Server.Store.GetEntityAsync(new Realign.Core.Merge.EntityKey(s.Tenant.Id, "note", "n1")))!.Payload!.Value.GetProperty("title").GetString());
        var head = await s.Server.Store.GetEntityAsync(new Realign.Core.Merge.EntityKey(s.Tenant.Id, "note", "n2"));
        Assert.Equal("Roof: loose tiles", head!.Payload!.Value.GetProperty("title").GetString());
        Assert.Equal(1, (await s.Server.Store.GetEntityAsync(new Realign.Core.Merge.EntityKey(s.Tenant.Id, "task", "t1")))!.TruthLevel);
    }

    [BrowserFact]
    public async Task TheEntityPage_ListsRelatedNotesFromTheEmbeddings_EachALinkToItsPage()
    {
        await using var s = await StartAsync();
        s.Vault.Put("note", "n4", """{"title":"Radiators","body":"The radiators stay cold although the boiler runs; the heating needs bleeding."}""");
        using (var assistant = new Realign.Assist.Jobs.Assistant(Realign.Assist.Providers.ProviderCheck.Validate(Realign.Assist.Providers.ProviderNames.Builtin), Exposure.Full))
        {
            await new Realign.Vault.Search.VaultSearch(s.Vault).EmbedAsync(assistant);
        }

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        await page.GotoAsync(s.Ui.OpenAddress.ToString());
        await page.GotoAsync(new Uri(s.Ui.Address, "entity/note/n4").ToString());

        var related = page.Locator("ul.related li a");
        Assert.Equal(4, await related.CountAsync()); // the three other notes and the suggested task
        Assert.Equal("Boiler <script>alert(1)</script>", await related.First.InnerTextAsync());
        Assert.Equal(0, await page.Locator("ul.related script").CountAsync());
        await related.First.ClickAsync();
        await Pages.UrlAsync(page, "**/entity/note/n1");

        // The URL changes before the new page replaces the old one's list (whose first link was n1): wait for n1's own.
        var back = page.Locator("ul.related a[href='entity/note/n4']");
        await back.WaitForAsync();
        Assert.Equal(0, await page.Locator("ul.related a[href='entity/note/n1']").CountAsync());
        Assert.Equal(1, await back.CountAsync());
    }

    [BrowserFact]
    public async Task ANewSuggestion_AppearsWithoutAReload_WhereJavaScriptIsOn()
    {
        await using var s = await StartAsync();
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        await page.GotoAsync(s.Ui.OpenAddress.ToString());
        Assert.Equal(3, await page.Locator("li.suggestion:not(.entity)").CountAsync());
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        s.Vault.PutAs(OriginSource.Parse("automation:rule-r1"), "note", "n3", [new("body", "\"Plant tulips in October.\"")]);

        await page.Locator("li.suggestion:not(.entity)").Nth(3).WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"));
        Assert.Contains("Plant tulips in October.", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task BatchAccept_ShowsTheCountAndScopeFirst_ThenAcceptsOnlyTheSelected()
    {
        await using var s = await StartAsync();
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        await page.GotoAsync(s.Ui.OpenAddress.ToString());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shots.Path("vault-inbox-phone.png"), FullPage = true });

        var (n1, n2) = (Suggestion(s.Vault, "n1"), Suggestion(s.Vault, "n2"));
        await page.Locator($"li#{n1} input[type=checkbox]").CheckAsync();
        await page.Locator($"li#{n2} input[type=checkbox]").CheckAsync();
        await page.Locator("form#batch button").ClickAsync();
        await Pages.UrlAsync(page, "**/batch?**");
        Assert.Equal("Accept 2 suggestions?", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(3, s.Vault.Suggestions().Count);
        await page.Locator("main form button.accept").ClickAsync();
        await Pages.UrlAsync(page, "**/?done=done");
        var left = Assert.Single(s.Vault.Suggestions());
        Assert.Equal("n3", left.EntityId);
    }

    [BrowserFact]
    public async Task AConflictBetweenTwoDevices_SettledWithAMergedValueInTheBrowser_ReachesTheOtherDevice()
    {
        await using var s = await StartAsync();
        using var otherTransport = new HttpSyncTransport(s.Server.BaseAddress, s.Tenant.Tokens["cli"]);
        using var other = LocalVault.Create(s.Server.Folder.Sub("other"), new VaultSettings(s.Tenant.Id, "cli", VaultMode.CloudFirst, s.Server.Url));
        var otherClient = new SyncClient(other, otherTransport);
        await otherClient.SyncAsync();
        s.Vault.Put("note", "n2", """{"body":"Tiles are loose on the north side."}""");
        other.Put("note", "n2", """{"body":"Two tiles are cracked."}""");
        await s.Client.SyncAsync();
        await otherClient.SyncAsync();
        await s.Client.SyncAsync();
        var conflict = Assert.Single(s.Vault.Conflicts());

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        await page.GotoAsync(s.Ui.OpenAddress.ToString());
        await page.GotoAsync(new Uri(s.Ui.Address, "conflicts").ToString());
        var section = page.Locator($"section#{conflict.ConflictId}");
        Assert.Contains("Two tiles are cracked.", await section.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Tiles are loose on the north side.", await section.InnerTextAsync(), StringComparison.Ordinal);
        await section.Locator("form.merge textarea").FillAsync("Tiles are loose on the north side; two are cracked.");
        await section.Locator("form.merge button").ClickAsync();
        await Pages.UrlAsync(page, new System.Text.RegularExpressions.Regex(@"\?(done|error)="));
        Assert.True(page.Url.EndsWith("?done=resolved", StringComparison.Ordinal), Uri.UnescapeDataString(page.Url));

        await otherClient.SyncAsync();
        Assert.Equal("Tiles are loose on the north side; two are cracked.", other.Get("note", "n2")!.Text("body"));
        Assert.Equal("Tiles are loose on the north side; two are cracked.", s.Vault.Get("note", "n2")!.Text("body"));
        Assert.Empty(s.Vault.Conflicts());
    }

    [Fact]
    public async Task WithoutTheSecret_OrTheToken_OrAtAnotherHostName_NothingIsShownOrChanged()
    {
        await using var s = await StartAsync();
        using var plain = new HttpClient { BaseAddress = s.Ui.Address };
        Assert.Equal(HttpStatusCode.Forbidden, (await plain.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await plain.GetAsync("/?key=wrong")).StatusCode);

        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies };
        using var signedIn = new HttpClient(handler) { BaseAddress = s.Ui.Address };
        var inbox = await signedIn.GetAsync("/?key=" + s.Ui.Secret);
        Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
        Assert.Contains("default-src 'none'", inbox.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        using (var assistant = new Realign.Assist.Jobs.Assistant(Realign.Assist.Providers.ProviderCheck.Validate(Realign.Assist.Providers.ProviderNames.Builtin), Exposure.Full))
        {
            await Realign.Assist.Hosting.AssistRunner.RunAsync(new Realign.Vault.Assist.VaultAssistReplica(s.Vault), assistant, Realign.Assist.Jobs.AssistJob.Summarise, "note", "n2");
        }

        var logs = await signedIn.GetStringAsync("/logs");
        Assert.Contains("summarise", logs, StringComparison.Ordinal);
        Assert.Contains("ai-local:builtin", logs, StringComparison.Ordinal);

        // The server's own logs, read through the vault's token: a refused push of this vault is in them.
        var refused = await s.Server.Api.PushAsync(s.Tenant.Owner, """{"batch_id":"b-refused","items":[{"entity_type":"note","entity_id":"n9","truth_level":2,"origin_source":"user:desktop","last_modified_at":"2026-01-01T00:00:00.000000Z","payload":{"title":"x"}}]}""");
        Assert.True(refused.Status is 400 or 403, refused.Body);
        logs = await signedIn.GetStringAsync("/logs");
        Assert.Contains("refused-batch:", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("The server did not answer", logs, StringComparison.Ordinal);

        var id = Suggestion(s.Vault, "n1");
        var forged = await signedIn.PostAsync("/actions/accept", new FormUrlEncodedContent([new("proposal_id", id)]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var empty = await signedIn.PostAsync("/actions/accept", null);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(3, s.Vault.Suggestions().Count);

        using var rebinding = new HttpRequestMessage(HttpMethod.Get, "/");
        rebinding.Headers.Host = "attacker.example";
        Assert.Equal(HttpStatusCode.MisdirectedRequest, (await signedIn.SendAsync(rebinding)).StatusCode);
    }

    [Fact]
    public async Task Offline_TheVaultUiStillServesEveryPage_AndSaysTheServersEventsAreMissing()
    {
        await using var s = await StartAsync();
        // A transport to a port nothing listens on: the server is out of reach.
        await using var offline = await VaultUi.StartAsync(s.Vault, 0, () => new HttpSyncTransport(new Uri("http://127.0.0.1:9/"), s.Tenant.Owner));
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies };
        using var http = new HttpClient(handler) { BaseAddress = offline.Address };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/?key=" + offline.Secret)).StatusCode);
        foreach (var path in new[] { "/", "/entities", "/entity/note/n1", "/conflicts" })
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(path)).StatusCode);
        }

        var logs = await http.GetStringAsync("/logs");
        Assert.Contains("The server did not answer", logs, StringComparison.Ordinal);
    }

    private static string Suggestion(LocalVault vault, string entityId) => vault.Suggestions().Single(x => x.EntityId == entityId).Id;
}
