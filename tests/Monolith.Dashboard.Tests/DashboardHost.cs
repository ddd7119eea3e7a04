using System.Net.Http.Json;
using Microsoft.Playwright;
using Monolith.BuildingBlocks.Access;
using Monolith.Testing;
using Monolith.Testing.CompanySites;

namespace Monolith.Dashboard.Tests;

/// <summary>
/// The real Host as a process on a free port with its own database, the fixture company websites and Debian's
/// chromium: what every dashboard test drives. One per test class (as a class fixture) or per test.
/// </summary>
public sealed class DashboardHost : IAsyncLifetime
{
    private readonly string _name;
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(45);
    private string? _database;
    private IPlaywright? _playwright;

    public DashboardHost() : this(nameof(DashboardHost)) { }

    internal DashboardHost(string name) => _name = name;

    public HostProcess Host { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public CompanySitesServer Sites { get; private set; } = null!;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync(_name);
        Sites = await CompanySitesServer.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = await TestPostgres.ConnectionStringAsync(_database),
            ["CritterStack__DurabilityMode"] = "Solo",
            ["Observability__ConsoleLogFormat"] = "simple",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Resilience__Dependencies__WebFetch__MaxRetryAttempts"] = "0",
            ["Resilience__Dependencies__WebFetch__TimeoutSeconds"] = "5",
            ["Resilience__Dependencies__WebFetch__TotalTimeoutSeconds"] = "10",
        };
        // The fixture sites resolve to this process's server: "WebFetch:HostAddresses:{host}" as environment variables.
        foreach (var (key, value) in Sites.HostAddressSettings()) environment[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        Host = HostProcess.Start(environment);
        await Host.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        Assertions.SetDefaultExpectTimeout((float)Wait.TotalMilliseconds);
        _playwright = await Playwright.CreateAsync();
        Browser = await Browsers.LaunchChromiumAsync(_playwright);
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
        if (Sites is not null) await Sites.DisposeAsync();
        if (_database is not null) await TestPostgres.DropDatabaseAsync(_database);
    }

    public Uri Url(string relative) => new(Host.BaseAddress, relative);

    /// <summary>A fresh browser context of the given size, signed in on the sign-in form with the tenant's key.</summary>
    public async Task<IPage> SignedInPageAsync(string tenant, int width = 1400, int height = 900, AccessRole role = AccessRole.Operator)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Host.BaseAddress.ToString());
        await page.Locator("#api-key").FillAsync(TestKeys.For(tenant, role));
        await page.Locator("#sign-in button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync($"{tenant} · {role.ToString().ToLowerInvariant()}");
        return page;
    }

    /// <summary>Uploads a document through the API and waits until it is processed; its id.</summary>
    public async Task<string> UploadAsync(string tenant, byte[] bytes, string fileName, string? department = null)
    {
        using var client = Host.Client(tenant);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", fileName } };
        if (department is not null) form.Add(new StringContent(department), "department");
        var response = await client.PostAsync(new Uri("/api/documents?wait=true", UriKind.Relative), form);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;
    }

    public async Task PutAsync(string tenant, string path, object body)
    {
        using var client = Host.Client(tenant);
        var response = await client.PutAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Submits the filled prospect form until it opens the analysis. The Prospect module learns the supplier's
    /// clusters from a message, so the form may answer "unknown supplier" for a moment.</summary>
    public static async Task SubmitProspectUntilAcceptedAsync(IPage page)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!page.Url.Contains("/prospect/", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the prospect analysis was not accepted");
            await page.EvaluateAsync("() => document.querySelectorAll('[data-screen] .error').forEach(e => e.remove())");
            await page.Locator("#prospect-url").PressAsync("Enter");
            await page.WaitForFunctionAsync("() => location.hash.includes('/prospect/') || document.querySelector('[data-screen] .error')");
            if (!page.Url.Contains("/prospect/", StringComparison.Ordinal)) await Task.Delay(500);
        }
    }

    public static async Task<string> ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        var path = Path.Combine(ScreenshotFolder, $"{name}.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = fullPage });
        return path;
    }
}
