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

/// <summary>Waiting for a page the way the UI is used: the URL is the expected one, then its content is there. Not the load
/// event: with blazor.web.js on the page, Chromium's load event after a form post's 303 is not always reported to Playwright.
/// Not <c>WaitForURLAsync</c> either: when the navigation has already committed by the time it is called, it waits for the
/// load event whatever <c>WaitUntil</c> says (Playwright maps <c>Commit</c> to its default, <c>Load</c>), which timed out in a
/// full run. <c>Expect(page).ToHaveURLAsync</c> polls the page's URL instead.</summary>
public static class Pages
{
    private static readonly PageAssertionsToHaveURLOptions Within = new() { Timeout = 30_000 };

    /// <summary>Waits for a URL matching <paramref name="glob"/> (Playwright's glob: <c>**</c> any text, <c>*</c> any text
    /// without a slash; everything else literal, a URL without stars exactly).</summary>
    public static Task UrlAsync(IPage page, string glob) => UrlAsync(page, GlobRegex(glob));

    public static async Task UrlAsync(IPage page, System.Text.RegularExpressions.Regex pattern)
    {
        await Assertions.Expect(page).ToHaveURLAsync(pattern, Within);
        await page.Locator("main#main").WaitForAsync();
    }

    /// <summary>Waits for a URL matching <paramref name="glob"/> and then for <paramref name="selector"/> on its page.</summary>
    public static async Task UrlAsync(IPage page, string glob, string selector)
    {
        await Assertions.Expect(page).ToHaveURLAsync(GlobRegex(glob), Within);
        await page.Locator(selector).WaitForAsync();
    }

    private static System.Text.RegularExpressions.Regex GlobRegex(string glob) =>
        new("^" + System.Text.RegularExpressions.Regex.Escape(glob).Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$");
}
