using System.Text;
using Microsoft.Playwright;
using Realign.Cli.Ui;
using Realign.Core.Contract;
using Realign.Core.Truth;
using Realign.Storage;
using Realign.Vault;
using Realign.Vault.Crypto;
using Realign.Vault.Sync;

namespace Realign.Web.Tests;

/// <summary>The review UI served by the server (sign in with a token, <c>user:web</c>), driven in a real headless Chromium;
/// every decision is then seen by the vaults through a sync.</summary>
public sealed class ServerUiBrowserTests
{
    private static readonly KeyParameters FastKey = KeyParameters.CreateNew(memoryKib: 8192, iterations: 1);

    [BrowserFact]
    public async Task AcceptEditRejectPromoteAndUndo_OnTheServer_ReachEveryVault()
    {
        await using var s = await ServerUiSetup.StartAsync();
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await SignedInAsync(browser, s.Server.BaseAddress, s.Tenant.Tokens["web"]);

        Assert.Equal(3, await page.Locator("li.suggestion:not(.entity)").CountAsync());
        Assert.Contains(ServerUiSetup.HostileTitle, await page.Locator("ol.suggestions").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("ol.suggestions script").CountAsync());

        var n1 = await s.ProposalAsync("n1");
        await page.Locator($"li#{n1} button.accept").ClickAsync();
        await Pages.UrlAsync(page, "**/?done=accepted");
        var title = (await s.HeadAsync("note", "n1")).FieldStamps!["title"];
        Assert.Equal((1, "user:web", "ai-cloud:llm"), (title.Level, title.Source, title.AcceptedFrom));

        var n2 = await s.ProposalAsync("n2");
        await page.Locator($"li#{n2} details.edit summary").ClickAsync();
        await page.Locator($"li#{n2} textarea[name=edited]").FillAsync("Roof: loose tiles");
        await page.Locator($"li#{n2} details.edit button").ClickAsync();
        await Pages.UrlAsync(page, "**/?done=accepted");

        var n3 = await s.ProposalAsync("n3");
        await page.Locator($"li#{n3} button.reject").ClickAsync();
        await Pages.UrlAsync(page, "**/?done=rejected");
        Assert.Empty(await s.Server.Store.ListProposalsAsync(s.Tenant.Id, "pending"));

        await page.Locator("li.suggestion.entity button.accept").ClickAsync();
        await Pages.UrlAsync(page, "**/?done=promoted");
        var task = await s.HeadAsync("task", "t1");
        Assert.Equal(1, task.TruthLevel);
        Assert.Equal("ai-local:builtin", task.FieldStamps!["title"].AcceptedFrom);

        await page.GotoAsync(new Uri(s.Server.BaseAddress, "entity/note/n1").ToString());
        Assert.Contains("accepted from ai-cloud:llm", await page.Locator("table.fields").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("ai-cloud:llm", await page.Locator("ol.chain").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shots.Path("server-entity.png"), FullPage = true });
        await page.Locator("form.undo button").ClickAsync();
        await Pages.UrlAsync(page, "**/?done=undone");
        var undone = (await s.HeadAsync("note", "n1")).FieldStamps!["title"];
        Assert.Equal((1, "user:web", null), (undone.Level, undone.Source, undone.AcceptedFrom));

        // The owner's vault, and a second device syncing from nothing, see every decision.
        await s.Client.SyncAsync();
        using var otherTransport = new HttpSyncTransport(s.Server.BaseAddress, s.Tenant.Tokens["cli"]);
        using var other = LocalVault.Create(s.Server.Folder.Sub("other"), new VaultSettings(s.Tenant.Id, "cli", VaultMode.CloudFirst, s.Server.Url));
        await new SyncClient(other, otherTransport).SyncAsync();
        foreach (var vault in new[] { s.Vault, other })
        {
            Assert.Equal(ServerUiSetup.HostileTitle, vault.Get("note", "n1")!.Text("title"));
            Assert.Equal("Roof: loose tiles", vault.Get("note", "n2")!.Text("title"));
            Assert.Equal("Garden", vault.Get("note", "n3")!.Text("title"));
            Assert.Equal(TruthLevel.User, vault.Get("task", "t1")!.State.TruthLevel);
            Assert.Empty(vault.Suggestions());
        }
    }

    [BrowserFact]
    public async Task BatchAcceptTwoOfThree_AtPhoneWidth_ShowsTheScopeFirst()
    {
        await using var s = await ServerUiSetup.StartAsync();
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await SignedInAsync(browser, s.Server.BaseAddress, s.Tenant.Tokens["web"], 390, 844);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shots.Path("server-inbox-phone.png"), FullPage = true });
        var (n1, n2) = (await s.ProposalAsync("n1"), await s.ProposalAsync("n2"));
        await page.Locator($"li#{n1} input[type=checkbox]").CheckAsync();
        await page.Locator($"li#{n2} input[type=checkbox]").CheckAsync();
        await page.Locator("form#batch button").ClickAsync();
        await Pages.UrlAsync(page, "**/batch?**");
        Assert.Equal("Accept 2 suggestions?", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(3, (await s.Server.Store.ListProposalsAsync(s.Tenant.Id, "pending")).Count);
        await page.Locator("main form button.accept").ClickAsync();
        await Pages.UrlAsync(page, "**/?done=done");
        var left = Assert.Single(await s.Server.Store.ListProposalsAsync(s.Tenant.Id, "pending"));
        Assert.Equal("n3", left.EntityId);
        await s.Client.SyncAsync();
        Assert.Equal(("Boiler noise", "Roof tiles", "Garden"), (s.Vault.Get("note", "n1")!.Text("title"), s.Vault.Get("note", "n2")!.Text("title"), s.Vault.Get("note", "n3")!.Text("title")));
    }

    [BrowserFact]
    public async Task AConflict_SettledWithAMergedValueOnTheServer_ReachesBothDevices()
    {
        await using var s = await ServerUiSetup.StartAsync();
        using var otherTransport = new HttpSyncTransport(s.Server.BaseAddress, s.Tenant.Tokens["cli"]);
        using var other = LocalVault.Create(s.Server.Folder.Sub("other"), new VaultSettings(s.Tenant.Id, "cli", VaultMode.CloudFirst, s.Server.Url));
        var otherClient = new SyncClient(other, otherTransport);
        await otherClient.SyncAsync();
        s.Vault.Put("note", "n2", """{"body":"Tiles are loose on the north side."}""");
        other.Put("note", "n2", """{"body":"Two tiles are cracked."}""");
        await s.Client.SyncAsync();
        await otherClient.SyncAsync();
        var conflict = Assert.Single(await s.Server.Store.ListConflictsAsync(s.Tenant.Id, "open"));

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await SignedInAsync(browser, s.Server.BaseAddress, s.Tenant.Tokens["web"]);
        await page.GotoAsync(new Uri(s.Server.BaseAddress, "conflicts").ToString());
        var section = page.Locator($"section#{conflict.ConflictId}");
        Assert.Contains("Two tiles are cracked.", await section.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Tiles are loose on the north side.", await section.InnerTextAsync(), StringComparison.Ordinal);
        await section.Locator("form.merge textarea").FillAsync("Tiles are loose on the north side; two are cracked.");
        await section.Locator("form.merge button").ClickAsync();
        await Pages.UrlAsync(page, new System.Text.RegularExpressions.Regex(@"\?(done|error)="));
        Assert.True(page.Url.EndsWith("?done=resolved", StringComparison.Ordinal), Uri.UnescapeDataString(page.Url));

        await s.Client.SyncAsync();
        await otherClient.SyncAsync();
        Assert.Equal("Tiles are loose on the north side; two are cracked.", other.Get("note", "n2")!.Text("body"));
        Assert.Equal("Tiles are loose on the north side; two are cracked.", s.Vault.Get("note", "n2")!.Text("body"));
        Assert.Empty(await s.Server.Store.ListConflictsAsync(s.Tenant.Id, "open"));
    }

    [BrowserFact]
    public async Task ALocalFirstTenant_OnTheServer_IsLockedInEveryByte_AndReadableInItsVault()
    {
        await using var server = await HostedServer.StartSqliteAsync();
        var tenant = await server.NewTenantAsync(VaultMode.LocalFirst);
        using var vault = LocalVault.Create(server.Folder.Sub("vault"), new VaultSettings(tenant.Id, "desktop", VaultMode.LocalFirst, server.Url));
        vault.UnlockWithPassphrase("correct horse", FastKey);
        using var transport = new HttpSyncTransport(server.BaseAddress, tenant.Owner);
        var client = new SyncClient(vault, transport);
        string[] secrets = ["Passport renewal", "number 12345678 expires", "Suggested wording from the assistant", "Book the appointment"];
        vault.Put("note", "n1", """{"title":"Passport renewal","body":"number 12345678 expires"}""");
        await client.SyncAsync();
        vault.PutAs(OriginSource.Parse("ai-local:builtin"), "note", "n1", [new("title", "\"Suggested wording from the assistant\"")]);
        vault.PutAs(OriginSource.Parse("ai-local:builtin"), "task", "t1", [new("title", "\"Book the appointment\""), new("done", "false")]);
        await client.SyncAsync();
        var proposal = Assert.Single(await server.Store.ListProposalsAsync(tenant.Id, "pending"));

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var context = await browser.NewContextAsync();
        var bodies = new List<(string Url, byte[] Body)>();
        await context.RouteAsync("**/*", async route =>
        {
            var response = await route.FetchAsync(new RouteFetchOptions { MaxRedirects = 0 });
            var body = await response.BodyAsync();
            lock (bodies)
            {
                bodies.Add((route.Request.Url, body));
            }

            await route.FulfillAsync(new RouteFulfillOptions { Response = response, BodyBytes = body });
        });
        var page = await SignInAsync(await context.NewPageAsync(), server.BaseAddress, tenant.Owner);
        Assert.Contains("local-first", await page.Locator("p.banner").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("locked", await page.Locator("li.suggestion").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("button.accept").CountAsync());
        foreach (var path in new[] { "entities", "entity/note/n1", "entity/task/t1", "conflicts", "logs", $"batch?action=accept&id={proposal.ProposalId}", "ui/inbox-version" })
        {
            await page.GotoAsync(new Uri(server.BaseAddress, path).ToString());
        }

        await page.GotoAsync(new Uri(server.BaseAddress, "entity/note/n1").ToString());
        Assert.Contains("locked: encrypted", await page.Locator("table.fields").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(bodies.Count >= 9, $"{bodies.Count} responses recorded");
        foreach (var (url, body) in bodies)
        {
            var text = Encoding.UTF8.GetString(body);
            Assert.All(secrets, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
            Assert.DoesNotContain("rl1:", text, StringComparison.Ordinal);
        }

        // Deciding here is refused (the values are sealed), logged, and changes nothing.
        using (var session = await UiSession.SignInAsync(server.BaseAddress, tenant.Owner))
        {
            var reply = await session.PostFormAsync("/actions/accept", ("proposal_id", proposal.ProposalId!));
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, reply.StatusCode);
        }

        Assert.Single(await server.Store.ListProposalsAsync(tenant.Id, "pending"));
        Assert.Contains(await server.Store.ListEventsAsync(EventLog.Security, tenant.Id, 0, 100), e => e.Kind == "refused-ui:forbidden");

        // The vault's own UI reads the same tenant in the clear.
        await using var ui = await VaultUi.StartAsync(vault, 0, () => new HttpSyncTransport(server.BaseAddress, tenant.Owner));
        var vaultPage = await browser.NewPageAsync();
        await vaultPage.GotoAsync(ui.OpenAddress.ToString());
        var inbox = await vaultPage.Locator("main").InnerTextAsync();
        Assert.Contains("Suggested wording from the assistant", inbox, StringComparison.Ordinal);
        Assert.Contains("Book the appointment", inbox, StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task Links_NavigateWithoutAFullLoad_AndTheLiveInboxResumesAfterwards()
    {
        await using var s = await ServerUiSetup.StartAsync();
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await SignedInAsync(browser, s.Server.BaseAddress, s.Tenant.Tokens["web"]);
        var problems = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning")
            {
                lock (problems)
                {
                    problems.Add(m.Text);
                }
            }
        };
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        await page.Locator("header nav a[href=entities]").ClickAsync();
        await Pages.UrlAsync(page, "**/entities");
        await page.Locator("h1", new PageLocatorOptions { HasText = "Entities" }).WaitForAsync();
        Assert.Contains("Call the plumber", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("main a", new PageLocatorOptions { HasText = "Call the plumber" }).ClickAsync();
        await Pages.UrlAsync(page, "**/entity/task/t1");
        await page.Locator("header nav a", new PageLocatorOptions { HasText = "Inbox" }).ClickAsync();
        await Pages.UrlAsync(page, s.Server.BaseAddress.ToString());
        await page.Locator("li.suggestion").First.WaitForAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "a link click loaded a whole new document");

        // The inbox reached by an enhanced navigation still shows a new suggestion without a reload.
        var reply = await s.Server.Api.PushAsync(s.Tenant.Tokens["automation"], ServerUiSetup.Item("note", "n3", 2, "automation:rule-r1", """{"body":"Plant tulips in October."}"""));
        Assert.Equal(200, reply.Status);
        await page.Locator("li.suggestion:not(.entity)").Nth(3).WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        Assert.Contains("Plant tulips in October.", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"));
        Assert.Empty(problems);
    }

    [BrowserFact]
    public async Task SecurityPage_EnrolsAnAuthenticatorFromItsQrCode_ThenADecisionTheWebPolicyConfirmsNeedsAFreshCode()
    {
        await using var s = await ServerUiSetup.StartAsync();
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await SignedInAsync(browser, s.Server.BaseAddress, s.Tenant.Tokens["web"]);

        await page.ClickAsync("nav a[href=security]");
        await Pages.UrlAsync(page, "**/security");
        Assert.Equal("not enrolled", await page.Locator("#totp-state").InnerTextAsync());
        await page.ClickAsync("form[action='actions/security/totp-start'] button");
        await Pages.UrlAsync(page, "**/security?done=**");
        var qr = await page.Locator("#totp-qr").GetAttributeAsync("src");
        Assert.StartsWith("data:image/png;base64,", qr, StringComparison.Ordinal);
        Assert.True(await page.Locator("#totp-qr").EvaluateAsync<int>("img => img.naturalWidth") > 100, "the QR code image does not render (CSP?)");
        var uri = await page.Locator("#totp-uri").InnerTextAsync();
        var secret = await page.Locator("#totp-secret").InnerTextAsync();
        Assert.StartsWith("otpauth://totp/Realign:", uri, StringComparison.Ordinal);
        Assert.Contains("secret=" + secret, uri, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shots.Path("server-security-enrol.png"), FullPage = true });
        var totp = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(secret));
        await page.FillAsync("form[action='actions/security/totp-activate'] input[name=code]", totp.ComputeTotp(DateTime.UtcNow));
        await page.ClickAsync("form[action='actions/security/totp-activate'] button");
        await Pages.UrlAsync(page, "**/security?done=authenticator**");
        Assert.Equal("enrolled", await page.Locator("#totp-state").InnerTextAsync());
        Assert.NotNull((await s.Server.Store.GetConfirmStateAsync(s.Tenant.Id)).Factor("totp"));

        // The owner makes the web channel's accepts confirmed (as the operator here: from the web itself it would take the
        // web's own owner rights); the inbox then asks for a code with every decision.
        await s.Server.Store.SetChannelPolicyAsync(new ChannelPolicyCommand(s.Tenant.Id,
            p => p.With(new Dictionary<string, Realign.Core.Rules.ChannelRule> { ["web"] = p["web"] with { Accept = Realign.Core.Rules.AcceptMode.Confirm } }), null, "test", UtcMicros.From(DateTimeOffset.UtcNow)));
        await page.GotoAsync(s.Server.BaseAddress.ToString());
        var n1 = await s.ProposalAsync("n1");
        Assert.Equal(1, await page.Locator($"li#{n1} form[action='actions/accept'] input[name=totp]").First.CountAsync());
        await page.Locator($"li#{n1} button.accept").ClickAsync();
        await Pages.UrlAsync(page, "**/?error=**");
        Assert.Contains("needs a confirmation", await page.Locator("p.error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(3, (await s.Server.Store.ListProposalsAsync(s.Tenant.Id, "pending")).Count);

        // The code the activation used is spent; the app's next one (within the one-step window) confirms.
        await page.Locator($"li#{n1} form[action='actions/accept'] input[name=totp]").First.FillAsync(totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30)));
        await page.Locator($"li#{n1} button.accept").ClickAsync();
        await Pages.UrlAsync(page, "**/?done=accepted");
        var title = (await s.HeadAsync("note", "n1")).FieldStamps!["title"];
        Assert.Equal((1, "user:web", "ai-cloud:llm"), (title.Level, title.Source, title.AcceptedFrom));
        var events = await s.Server.Store.ListEventsAsync(EventLog.Security, s.Tenant.Id, 0, 1000);
        Assert.Contains(events, e => e.Kind == "totp-enrolled");
        Assert.Contains(events, e => e.Kind == "confirmation-used" && e.DetailJson.Contains("review UI", StringComparison.Ordinal));
    }

    /// <summary>A new page of <paramref name="browser"/> signed in to the server's UI with <paramref name="token"/>.</summary>
    private static async Task<IPage> SignedInAsync(IBrowser browser, Uri server, string token, int width = 1200, int height = 900) =>
        await SignInAsync(await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } }), server, token);

    [BrowserFact]
    public async Task TheEntityPage_ListsRelatedNotesFromTheEmbeddingsAVaultShared()
    {
        await using var s = await ServerUiSetup.StartAsync();
        s.Vault.Put("note", "n4", """{"title":"Radiators","body":"The radiators stay cold although the boiler runs; the heating needs bleeding."}""");
        using (var assistant = new Realign.Assist.Jobs.Assistant(Realign.Assist.Providers.ProviderCheck.Validate(Realign.Assist.Providers.ProviderNames.Builtin), Realign.Core.Contract.Exposure.Full))
        {
            await new Realign.Vault.Search.VaultSearch(s.Vault).EmbedAsync(assistant);
        }

        await s.Client.SyncAsync();
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await SignedInAsync(browser, s.Server.BaseAddress, s.Tenant.Tokens["web"]);
        await page.GotoAsync(new Uri(s.Server.BaseAddress, "entity/note/n4").ToString());

        var related = page.Locator("ul.related li a");
        Assert.Equal(3, await related.CountAsync());
        Assert.Contains("Boiler", await related.First.InnerTextAsync(), StringComparison.Ordinal);
        await related.First.ClickAsync();
        await Pages.UrlAsync(page, "**/entity/note/n1");
    }

    private static async Task<IPage> SignInAsync(IPage page, Uri server, string token)
    {
        await page.GotoAsync(server.ToString());
        await Pages.UrlAsync(page, "**/signin?**");
        await page.FillAsync("#token", token);
        await page.ClickAsync("form.signin button");
        await Pages.UrlAsync(page, server.ToString(), "form.signout");
        return page;
    }
}
