namespace Realign.Web.Tests;

/// <summary>A test that drives Debian's Chromium: reported as skipped, never as passed, where it is not installed
/// (<c>scripts/install-deps.sh</c> installs it).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!File.Exists(Browser.ExecutablePath))
        {
            Skip = $"no Chromium at {Browser.ExecutablePath} (apt-get install chromium)";
        }
    }
}
