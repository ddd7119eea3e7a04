using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Monolith.Testing;
using Xunit.Abstractions;

namespace Monolith.Dashboard.Tests;

/// <summary>
/// What a new user found on every screen (issue 16), each on one shared Host, each in its own customer: counters that
/// add up, documents without a department, long values, the usage window and labels, past analyses and the supplier
/// picker, the company history, narrow windows, and an API reference that loads nothing from outside.
/// </summary>
public sealed partial class when_a_new_user_opens_every_screen(DashboardHost dashboard, ITestOutputHelper output) : IClassFixture<DashboardHost>
{
    private const string LongVendor = "Northwind Traders International Logistics and Wholesale Distribution Company Limited of Greater Manchester";
    private const string LongCustomer = "Fabrikam Incorporated, Procurement Department, 1234 Very Long Industrial Estate Road, Springfield Business Park";

    private static string Invoice(string number, string vendor = "Northwind Traders Ltd", string customer = "Fabrikam Inc") => $"""
        {vendor}
        VAT ID: GB123456789
        INVOICE
        Invoice No: {number}
        Invoice Date: 2024-05-02
        Bill to: {customer}
        Subtotal   100.00
        VAT 20%     20.00
        Total  GBP 120.00
        """;

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private async Task Screenshot(IPage page, string name) => output.WriteLine($"screenshot: {await DashboardHost.ScreenshotAsync(page, name)}");

    /// <summary>Strict thresholds: invoices wait for review; the "legal" department sends everything to manual handling.</summary>
    private async Task ReviewEverything(string tenant)
    {
        await dashboard.PutAsync(tenant, "/api/automation/settings", new { automationThreshold = 1.0, confidenceThreshold = 1.0 });
        await dashboard.PutAsync(tenant, "/api/automation/settings/departments/legal", new { manualInterventionThreshold = 1.0 });
    }

    [Fact]
    public async Task the_counters_add_up_with_manual_and_a_document_without_department_has_a_row()
    {
        await ReviewEverything("acme");
        await dashboard.UploadAsync("acme", Encoding.UTF8.GetBytes(Invoice("AP-1")), "ap-1.txt", "accounts-payable");
        await dashboard.UploadAsync("acme", Encoding.UTF8.GetBytes(Invoice("LEGAL-1")), "legal-1.txt", "legal");
        await dashboard.UploadAsync("acme", Encoding.UTF8.GetBytes(Invoice("NONE-1")), "none-1.txt");

        var page = await dashboard.SignedInPageAsync("acme");
        await Expect(page.Locator("#counter-processed")).ToHaveTextAsync("3");
        await Expect(page.Locator("#counter-manual")).ToHaveTextAsync("1");
        await Expect(page.Locator("#counter-needs-review")).ToHaveTextAsync("2");
        int Count(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var parts = 0;
        foreach (var key in new[] { "automated", "needs-review", "manual", "failed" })
            parts += Count(await page.Locator($"#counter-{key}").InnerTextAsync());
        Assert.Equal(Count(await page.Locator("#counter-processed").InnerTextAsync()), parts);

        var rows = page.Locator("#department-goals tbody tr");
        await Expect(rows).ToHaveCountAsync(3);
        var noDepartment = rows.Filter(new() { HasText = "(no department)" });
        await Expect(noDepartment).ToHaveCountAsync(1);
        // Department, processed, automated, needs review, manual, failed, …
        await Expect(noDepartment.Locator("td").Nth(1)).ToHaveTextAsync("1");
        await Expect(rows.Filter(new() { HasText = "legal" }).Locator("td").Nth(4)).ToHaveTextAsync("1");
        await page.Locator("#department-goals").ScrollIntoViewIfNeededAsync();
        await Screenshot(page, "20-automation-counters-and-departments");
    }

    [Fact]
    public async Task a_long_field_value_is_readable_in_full_on_the_review_screen()
    {
        await ReviewEverything("globex");
        var id = await dashboard.UploadAsync("globex", Encoding.UTF8.GetBytes(Invoice("LONG-1", LongVendor, LongCustomer)), "long-1.txt");
        foreach (var (width, height) in new[] { (1400, 900), (390, 844) })
        {
            var page = await dashboard.SignedInPageAsync("globex", width, height);
            await page.GotoAsync(dashboard.Url($"/#/review/{id}").ToString());
            foreach (var (field, value) in new[] { ("vendorName", LongVendor), ("customerName", LongCustomer) })
            {
                var box = page.Locator($"#review-fields [data-field={field}]");
                await Expect(box).ToHaveValueAsync(value);
                // Nothing hidden: the box is as tall and as wide as its wrapped content, and inside the window.
                var fits = await box.EvaluateAsync<bool>("""
                    b => b.scrollHeight <= b.clientHeight + 1 && b.scrollWidth <= b.clientWidth + 1
                      && b.getBoundingClientRect().right <= document.documentElement.clientWidth
                    """);
                Assert.True(fits, $"{field} is cut at {width} px");
                Assert.True(await box.EvaluateAsync<double>("b => b.getBoundingClientRect().height") > 40, $"{field} does not wrap at {width} px");
            }
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
                $"the review screen is wider than a {width} px window");
            await Screenshot(page, $"21-review-long-values-{width}");
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task usage_has_a_range_picker_that_changes_the_request_and_human_labels()
    {
        var page = await dashboard.SignedInPageAsync("initech");
        var first = page.WaitForRequestAsync(r => r.Url.Contains("/api/analytics/usage?range=7d", StringComparison.Ordinal));
        await page.Locator("#nav a[data-route=usage]").ClickAsync();
        await first;
        await Expect(page.Locator("#usage-range button[data-range='7d']")).ToHaveClassAsync("on");
        var month = page.WaitForRequestAsync(r => r.Url.Contains("/api/analytics/usage?range=30d", StringComparison.Ordinal));
        await page.Locator("#usage-range button[data-range='30d']").ClickAsync();
        await month;
        await Expect(page.Locator("#usage-range button[data-range='30d']")).ToHaveClassAsync("on");

        var totals = page.Locator("#usage-totals");
        await Expect(totals).ToContainTextAsync("Cache hit rate");
        await Expect(totals).ToContainTextAsync("p95 latency");
        await Expect(totals.Locator("[data-key=estimatedCostUsd] .value")).ToHaveTextAsync(new Regex(@"^\$\d+\.\d{2,4}$"));
        var text = await page.Locator("#usage").InnerTextAsync();
        Assert.DoesNotContain("cacheHitRate", text, StringComparison.Ordinal);
        Assert.DoesNotContain("p95LatencyMs", text, StringComparison.Ordinal);
        await Screenshot(page, "22-usage-30d");
    }

    [Fact]
    public async Task past_analyses_are_listed_and_a_prospect_is_started_from_a_supplier_chosen_by_name()
    {
        using (var client = dashboard.Host.Client("umbrella"))
        {
            var supplier = await client.PostAsJsonAsync("/api/supplier-analyses?wait=true",
                new { url = dashboard.Sites.UrlOf("brightpath-it.test").AbsoluteUri, country = "GB" });
            Assert.True(supplier.IsSuccessStatusCode, await supplier.Content.ReadAsStringAsync());
        }
        var page = await dashboard.SignedInPageAsync("umbrella");
        await page.GotoAsync(dashboard.Url("/#/companies").ToString());
        await Expect(page.Locator("#supplier-analyses tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#supplier-analyses")).ToContainTextAsync("BrightPath IT");
        await Expect(page.Locator("#prospect-analyses")).ToContainTextAsync("No prospect analyses yet");

        // The supplier is chosen by its name.
        await Expect(page.Locator("#prospect-supplier option")).ToHaveCountAsync(2);
        var options = await page.Locator("#prospect-supplier option").AllTextContentsAsync();
        var brightPath = options.FirstOrDefault(o => o.StartsWith("BrightPath IT (brightpath-it.test)", StringComparison.Ordinal));
        Assert.True(brightPath is not null, $"no supplier named BrightPath IT among: {string.Join(" | ", options)}");
        await page.Locator("#prospect-supplier").SelectOptionAsync(new SelectOptionValue { Label = brightPath });
        await page.Locator("#prospect-url").FillAsync(dashboard.Sites.UrlOf("nordlicht-logistik.test").AbsoluteUri);
        await page.Locator("#prospect-country").FillAsync("DE");
        await DashboardHost.SubmitProspectUntilAcceptedAsync(page);
        await Expect(page.Locator("#analysis-status")).ToHaveTextAsync("Completed");
        var prospectUrl = page.Url;

        // The list opens the analysis.
        await page.Locator("#nav a[data-route=companies]").ClickAsync();
        await Expect(page.Locator("#prospect-analyses tbody tr")).ToHaveCountAsync(1);
        await Screenshot(page, "23-companies-lists");
        await page.Locator("#prospect-analyses tbody tr").First.ClickAsync();
        await Expect(page.Locator("#analysis-status")).ToHaveTextAsync("Completed");
        Assert.Equal(prospectUrl, page.Url);

        await History(page, "nordlicht-logistik.test");
    }

    /// <summary>Human headers and formatted numbers, and the page does not run off to the right (wide and narrow).</summary>
    private async Task History(IPage page, string domain)
    {
        var deadline = DateTime.UtcNow + DashboardHost.Wait;
        await page.GotoAsync(dashboard.Url($"/#/companies/history/{domain}").ToString());
        while (await page.Locator("#history-analyses tbody tr").CountAsync() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the company history did not show the analysis");
            await Task.Delay(500);
            await page.ReloadAsync();
            await page.WaitForFunctionAsync("() => document.querySelector('#history-analyses, [data-screen] .empty, [data-screen] .error')");
        }
        var headers = await page.Locator("#history-analyses th").AllInnerTextsAsync();
        Assert.Contains(headers, h => h.Equals("Expected opportunity", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(headers, h => CamelCase().IsMatch(h));
        await Expect(page.Locator("#history-analyses tbody tr").First).ToContainTextAsync("€");
        await Expect(page.Locator("#history-analyses tbody tr").First).ToContainTextAsync("%");
        foreach (var width in new[] { 1400, 768, 390 })
        {
            await page.SetViewportSizeAsync(width, 900);
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
                $"the history page is wider than a {width} px window");
            Assert.True(await page.Locator("#history-analyses").EvaluateAsync<bool>("p => p.getBoundingClientRect().right <= window.innerWidth"));
            await Screenshot(page, $"24-company-history-{width}");
        }
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(768, 1024)]
    public async Task the_header_fits_a_narrow_window(int width, int height)
    {
        var page = await dashboard.SignedInPageAsync("acme", width, height);
        foreach (var screen in new[] { "automation", "documents", "review", "usage", "companies" })
        {
            await page.Locator($"#nav a[data-route={screen}]").ClickAsync();
            await Expect(page.Locator($"[data-screen={screen}] h1")).ToBeVisibleAsync();
            var problems = await page.EvaluateAsync<string[]>("""
                () => {
                  const problems = [];
                  const right = document.documentElement.clientWidth;
                  if (document.documentElement.scrollWidth > window.innerWidth) problems.push(`page ${document.documentElement.scrollWidth} px wide`);
                  for (const node of document.querySelectorAll(".top > :not([hidden]), #nav a")) {
                    const r = node.getBoundingClientRect();
                    if (r.right > right + 0.5 || r.left < 0) problems.push(`${node.id || node.textContent.trim()} outside the window`);
                  }
                  for (const link of document.querySelectorAll("#nav a"))
                    if (link.getClientRects().length !== 1 || link.getBoundingClientRect().height > 40) problems.push(`${link.textContent.trim()} wraps`);
                  return problems;
                }
                """);
            Assert.True(problems.Length == 0, $"{screen} at {width} px: {string.Join("; ", problems)}");
        }
        await page.Locator("#nav a[data-route=automation]").ClickAsync();
        await Expect(page.Locator("#counters .counter").First).ToBeVisibleAsync();
        await Screenshot(page, $"25-header-{width}");
    }

    [Fact]
    public async Task the_api_reference_loads_nothing_from_outside_and_names_operations_readably()
    {
        var context = await dashboard.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var outside = new List<string>();
        await context.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Host is "127.0.0.1" or "localhost" || url.Scheme is "data" or "blob") await route.ContinueAsync();
            else { outside.Add(route.Request.Url); await route.AbortAsync(); }
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(dashboard.Url("/api-reference/").ToString());
        await Expect(page.GetByText("Retry supplier analysis").First).ToBeAttachedAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.DoesNotContain("POST_api_", await page.ContentAsync(), StringComparison.Ordinal);
        output.WriteLine($"screenshot: {await DashboardHost.ScreenshotAsync(page, "26-api-reference", fullPage: false)}");
        Assert.Empty(outside);
        await context.DisposeAsync();
    }

    [GeneratedRegex("[a-z][A-Z]")]
    private static partial Regex CamelCase();
}
