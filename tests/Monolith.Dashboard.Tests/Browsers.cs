using Microsoft.Playwright;

namespace Monolith.Dashboard.Tests;

/// <summary>
/// Launches the system's Chromium (Debian package <c>chromium</c>, which <c>.ci/run</c> installs). Playwright's own
/// browser download is not used. A missing browser fails the test: a silently skipped UI test proves nothing.
/// </summary>
public static class Browsers
{
    public static string ChromiumPath => Environment.GetEnvironmentVariable("DASHBOARD_CHROMIUM") is { Length: > 0 } path
        ? path
        : "/usr/bin/chromium";

    public static async Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright)
    {
        if (!File.Exists(ChromiumPath))
            Assert.Fail($"Chromium not found at {ChromiumPath}. Install the Debian package 'chromium' (apt-get install chromium; .ci/run does) " +
                        "or point DASHBOARD_CHROMIUM at a Chromium binary.");
        return await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            Headless = true,
        });
    }
}
