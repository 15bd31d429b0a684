using Microsoft.Playwright;

namespace Realign.Web.Tests;

/// <summary>Headless Chromium as RECIPES.md shows: Debian's binary, no download, nothing but loopback.</summary>
public static class Browser
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        return (playwright, browser);
    }
}

/// <summary>Waiting for a page the way the UI is used: the URL commits, then its content is there. Not the load event:
/// with blazor.web.js on the page, Chromium's load event after a form post's 303 is not always reported to Playwright
/// (a wait on it timed out once in a full run), and no assertion here needs more than the new document's content.</summary>
public static class Pages
{
    public static async Task UrlAsync(IPage page, string glob)
    {
        await page.WaitForURLAsync(glob, new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await page.Locator("main#main").WaitForAsync();
    }

    public static async Task UrlAsync(IPage page, System.Text.RegularExpressions.Regex pattern)
    {
        await page.WaitForURLAsync(pattern, new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await page.Locator("main#main").WaitForAsync();
    }
}
