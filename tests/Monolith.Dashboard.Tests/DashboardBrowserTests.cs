using System.Net.Http.Json;
using System.Text;
using Microsoft.Playwright;
using Monolith.Testing;
using Monolith.Testing.CompanySites;
using Xunit.Abstractions;

namespace Monolith.Dashboard.Tests;

/// <summary>
/// The dashboard in a real browser (Debian's chromium, driven by Playwright) against the real Host process on a real
/// port and its own database: upload, live counters over server-sent events, review next to the document's text, metrics
/// moving, and the Companies screen running real supplier and prospect analyses against the fixture company websites.
/// </summary>
public sealed class when_a_person_works_through_the_dashboard(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Invoice = """
        Northwind Traders Ltd
        VAT ID: GB123456789
        INVOICE
        Invoice No: DASH-1
        Invoice Date: 2024-05-02
        Bill to: Fabrikam Inc
        Subtotal   100.00
        VAT 20%     20.00
        Total  GBP 120.00
        """;

    private static readonly TimeSpan Wait = DashboardHost.Wait;
    // A host per test: the main walk-through ends by stopping it.
    private readonly DashboardHost _dashboard = new(nameof(when_a_person_works_through_the_dashboard));
    private HostProcess? _host;
    private IBrowser? _browser;
    private CompanySitesServer? _sites;

    public async Task InitializeAsync()
    {
        await _dashboard.InitializeAsync();
        (_host, _browser, _sites) = (_dashboard.Host, _dashboard.Browser, _dashboard.Sites);
    }

    public Task DisposeAsync() => _dashboard.DisposeAsync();

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private async Task Screenshot(IPage page, string name) => output.WriteLine($"screenshot: {await DashboardHost.ScreenshotAsync(page, name)}");

    [Fact]
    public async Task an_upload_moves_the_live_counters_and_a_review_approves_it()
    {
        try
        {
            await Run();
        }
        catch when (_host is not null)
        {
            // The Host's own log explains most browser-side failures.
            output.WriteLine(_host.StandardError);
            output.WriteLine(string.Join('\n', _host.StandardOutput.Split('\n').TakeLast(80)));
            throw;
        }
    }

    [Fact]
    public async Task a_pdf_shows_its_page_with_the_words_read_and_the_fields_marked()
    {
        var documentId = await _dashboard.UploadAsync("default",
            SampleDocuments.TextPdf("Northwind Traders Ltd", "INVOICE", "Invoice No: VIEW-1", "Invoice Date: 2024-05-02", "Total EUR 42.00"), "view-1.pdf");
        var context = await _browser!.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(_host!.BaseAddress.ToString());
        await page.Locator("#api-key").FillAsync(TestKeys.For("default", Monolith.BuildingBlocks.Access.AccessRole.Operator));
        await page.Locator("#sign-in button[type=submit]").ClickAsync();
        await Expect(page.Locator("#who")).ToHaveTextAsync("default · operator");

        await page.GotoAsync(new Uri(_host.BaseAddress, $"/#/documents/{documentId}").ToString());
        var pageImage = page.Locator("#document-pages figure.doc-page[data-page='1'] img");
        await Expect(pageImage).ToHaveAttributeAsync("src", $"/api/documents/{documentId}/pages/1/image");
        await Expect(page.Locator("#document-pages figure.doc-page[data-page='1']")).ToBeVisibleAsync();
        Assert.True(await page.Locator("#document-pages .words rect").CountAsync() >= 10);
        var total = page.Locator("#document-pages .field-box[data-field-box~=total]");
        await Expect(total).ToBeVisibleAsync();
        await Expect(total.Locator("text")).ToContainTextAsync("total");

        // Hovering the field's row marks its box on the page.
        await page.Locator("tr[data-field-row=total]").HoverAsync();
        await Expect(total).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bhover\b"));
        await Screenshot(page, "14-document-pages-with-fields");
        Assert.Empty(errors);
        await context.DisposeAsync();
    }

    /// <summary>A PDF shows in an iframe and an image in an img, both from /content; the image's missing text says why.</summary>
    private async Task OriginalFiles(IPage page)
    {
        Task<string> Upload(byte[] bytes, string name) => _dashboard.UploadAsync("default", bytes, name);
        var pdf = await Upload(SampleDocuments.TextPdf("INVOICE PDF-9 Total EUR 42.00"), "invoice-pdf-9.pdf");
        var content = page.WaitForResponseAsync(r => r.Url.EndsWith($"/api/documents/{pdf}/content", StringComparison.Ordinal));
        await page.GotoAsync(new Uri(_host!.BaseAddress, $"/#/documents/{pdf}").ToString());
        // It has a text layer, so its pages come first; the original is one click away.
        await page.Locator("#document-view-switch button[data-view=original]").ClickAsync();
        await Expect(page.Locator("iframe#document-frame")).ToBeVisibleAsync();
        var response = await content;
        Assert.Equal(200, response.Status);
        Assert.Equal("application/pdf", response.Headers["content-type"]);
        // Headless Chromium loads its PDF viewer into the frame but does not paint the page into screenshots.
        await Screenshot(page, "12-document-pdf");

        var png = await Upload(Convert.FromBase64String(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="), "receipt.png");
        await page.GotoAsync(new Uri(_host.BaseAddress, $"/#/documents/{png}").ToString());
        await Expect(page.Locator("img#document-image")).ToBeVisibleAsync();
        Assert.True(await page.Locator("img#document-image").EvaluateAsync<bool>("i => i.complete && i.naturalWidth === 1"));
        await page.Locator("#document-viewer summary").ClickAsync();
        await Expect(page.Locator("#document-text-missing")).ToContainTextAsync("OCR");
        await Screenshot(page, "13-document-image");
    }

    /// <summary>Companies against the real analysis endpoints and the fixture websites: supplier, prospect, pipeline.</summary>
    private async Task Companies(IPage page)
    {
        await page.Locator("#nav a[data-route=companies]").ClickAsync();
        await page.Locator("#supplier-url").FillAsync(_sites!.UrlOf("brightpath-it.test").AbsoluteUri);
        await page.Locator("#supplier-country").FillAsync("GB");
        await page.Locator("#supplier-url").PressAsync("Enter");
        await Expect(page.Locator("#analysis-status")).ToHaveTextAsync("Completed");
        await Expect(page.Locator("#analysis-company")).ToHaveTextAsync("BrightPath IT");
        await Expect(page.Locator("#analysis-profile a[href^='http://brightpath-it.test']").First).ToBeVisibleAsync();
        await Expect(page.Locator("#analysis-steps tbody tr").First).ToBeVisibleAsync();
        Assert.True(await page.Locator("#analysis-clusters tbody tr").CountAsync() >= 1);
        await Expect(page.Locator("#supplier-pipeline")).ToContainTextAsync("No prospects");
        await Screenshot(page, "09-supplier-analysis");
        var supplierId = page.Url.Split('/').Last();

        // A prospect scored against it. The Prospect module learns the supplier's clusters from a message, so the
        // form may answer "unknown supplier" for a moment: submit again until it is accepted.
        await page.Locator("#nav a[data-route=companies]").ClickAsync();
        await page.Locator("#prospect-url").FillAsync(_sites.UrlOf("nordlicht-logistik.test").AbsoluteUri);
        await page.Locator("#prospect-country").FillAsync("DE");
        await page.Locator("#prospect-supplier").SelectOptionAsync(new SelectOptionValue { Value = supplierId });
        await DashboardHost.SubmitProspectUntilAcceptedAsync(page);
        await Expect(page.Locator("#analysis-status")).ToHaveTextAsync("Completed");
        await Expect(page.Locator("#analysis-fit tbody tr").First).ToBeVisibleAsync();
        await Expect(page.Locator("#analysis-opportunity")).ToContainTextAsync("€");
        await Expect(page.Locator("#analysis-employees")).ToBeVisibleAsync();
        await Screenshot(page, "10-prospect-analysis");

        // The supplier's pipeline counts it once Analytics has projected it.
        await page.GotoAsync(new Uri(_host!.BaseAddress, $"/#/companies/supplier/{supplierId}").ToString());
        var deadline = DateTime.UtcNow + Wait;
        while (!(await page.Locator("#supplier-pipeline").InnerTextAsync()).Contains("1 prospect(s) analysed", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the pipeline did not count the prospect");
            await Task.Delay(500);
            await page.ReloadAsync();
            await Expect(page.Locator("#supplier-pipeline")).ToBeVisibleAsync();
        }
        await Expect(page.Locator("#supplier-pipeline")).ToContainTextAsync("By cluster");
        await Screenshot(page, "11-supplier-pipeline");
    }

    private async Task Run()
    {
        // Strict settings for the default tenant, so the invoice waits for a person.
        using (var client = _host!.Client())
        {
            var settings = await client.PutAsJsonAsync("/api/automation/settings", new { automationThreshold = 1.0, confidenceThreshold = 1.0 });
            Assert.True(settings.IsSuccessStatusCode, await settings.Content.ReadAsStringAsync());
        }

        var context = await _browser!.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var errors = new List<string>();
        var external = new List<string>();
        await context.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            // chrome:// and chrome-extension:// are the browser's own PDF viewer, not the network.
            if (url.Host is "127.0.0.1" or "localhost" || url.Scheme is "chrome" or "chrome-extension") await route.ContinueAsync();
            else { external.Add(route.Request.Url); await route.AbortAsync(); }
        });

        // A: the automation screen stays open and is never reloaded; only live events may change it.
        var counters = await context.NewPageAsync();
        counters.PageError += (_, e) => errors.Add(e);
        await counters.GotoAsync(_host.BaseAddress.ToString());
        // Signed out: only the sign-in form, no navigation, no data. A wrong key is refused on the form.
        await Expect(counters.Locator("#sign-in")).ToBeVisibleAsync();
        await Expect(counters.Locator("#nav")).ToBeHiddenAsync();
        await counters.Locator("#api-key").FillAsync("mk_not-a-real-key-0000000000000000");
        await counters.Locator("#sign-in button[type=submit]").ClickAsync();
        await Expect(counters.Locator("#sign-in [role=alert]")).ToContainTextAsync("not valid");
        await Screenshot(counters, "00-sign-in");
        await counters.Locator("#api-key").FillAsync(TestKeys.For("default", Monolith.BuildingBlocks.Access.AccessRole.Operator));
        await counters.Locator("#sign-in button[type=submit]").ClickAsync();
        await Expect(counters.Locator("#who")).ToHaveTextAsync("default · operator");
        Assert.Empty(await context.CookiesAsync()
            .ContinueWith(t => t.Result.Where(c => !c.HttpOnly || c.SameSite != SameSiteAttribute.Strict).ToList(), TaskScheduler.Default));
        await Expect(counters.Locator("#live-status")).ToHaveTextAsync("live");
        await Expect(counters.Locator("#counter-received")).ToHaveTextAsync("0");
        await Expect(counters.Locator("#counter-needs-review")).ToHaveTextAsync("0");
        await Expect(counters.Locator("#rate-chart")).ToBeVisibleAsync();
        await Screenshot(counters, "01-automation-empty");

        // B: upload through the Documents screen.
        var work = await context.NewPageAsync();
        work.PageError += (_, e) => errors.Add(e);
        await work.GotoAsync(new Uri(_host.BaseAddress, "/#/documents").ToString());
        await Expect(work.Locator("#live-status")).ToHaveTextAsync("live");
        await work.Locator("#upload-file").SetInputFilesAsync(new FilePayload
        {
            Name = "invoice-dash-1.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes(Invoice),
        });
        await work.Locator("#upload-department").FillAsync("accounts-payable");
        await work.Locator("#upload-submit").ClickAsync();
        await Expect(work.Locator("#upload-result")).ToContainTextAsync("Accepted");
        await Expect(work.Locator("#documents-list")).ToContainTextAsync("NeedsReview");
        await Screenshot(work, "02-documents-after-upload");

        // A moved by itself: the document arrived and was routed to review.
        await Expect(counters.Locator("#counter-received")).ToHaveTextAsync("1");
        await Expect(counters.Locator("#counter-in-queue")).ToHaveTextAsync("1");
        await Expect(counters.Locator("#counter-processed")).ToHaveTextAsync("1");
        await Expect(counters.Locator("#counter-needs-review")).ToHaveTextAsync("1");
        await Expect(counters.Locator("#counter-automated")).ToHaveTextAsync("0");
        await Expect(counters.Locator("#live-feed")).ToContainTextAsync("Document processed");
        await Screenshot(counters, "03-automation-after-upload");

        // B: review queue → review screen → correct the total → approve.
        await work.Locator("#nav a[data-route=review]").ClickAsync();
        await Expect(work.Locator("#review-queue")).ToContainTextAsync("invoice-dash-1.txt");
        await Screenshot(work, "04-review-queue");
        await work.Locator("#review-queue tr.clickable").First.ClickAsync();
        var total = work.Locator("#review-fields textarea[data-field=total]");
        // Amounts are shown as printed, with their cents.
        await Expect(total).ToHaveValueAsync("120.00");
        // The document itself (a text file: its extracted text) next to the fields.
        await Expect(work.Locator("#document-viewer #document-text")).ToContainTextAsync("Northwind Traders Ltd");
        await Expect(work.Locator("#document-text")).ToContainTextAsync("Invoice No: DASH-1");
        await Expect(work.Locator("#document-viewer a[href$='/content']")).ToBeVisibleAsync();
        await total.FillAsync("121.00");
        await work.Locator("#reviewer").FillAsync("maria");
        await Screenshot(work, "05-review-screen");
        await work.Locator("#approve").ClickAsync();
        await Expect(work.Locator("#review-message")).ToContainTextAsync("Approved");

        // A again, still without a reload: the review left the queue and counts as reviewed.
        await Expect(counters.Locator("#counter-in-queue")).ToHaveTextAsync("0");
        await Expect(counters.Locator("#counter-reviewed")).ToHaveTextAsync("1");
        await Expect(counters.Locator("#live-feed")).ToContainTextAsync("Document reviewed");
        await Screenshot(counters, "06-automation-after-review");
        await counters.Locator("button[data-range='24h']").ClickAsync();
        await Expect(counters.Locator("#rate-chart circle")).ToHaveCountAsync(1);
        await Screenshot(counters, "06b-automation-24h");

        // The error/automation curve, with the customer's thresholds eased: the reviewed invoice (approved after a
        // correction: an error) would now be automated, so the chart has an automation line, error points and the marker.
        using (var client = _host.Client())
        {
            var eased = await client.PutAsJsonAsync("/api/automation/settings", new { automationThreshold = 0.6, confidenceThreshold = 0.5,
                completenessThreshold = 0.5, validationThreshold = 0.5, manualInterventionThreshold = 0.5 });
            Assert.True(eased.IsSuccessStatusCode, await eased.Content.ReadAsStringAsync());
        }
        await work.Locator("#nav a[data-route=automation]").ClickAsync();
        await Expect(work.Locator("#curve-chart .automation-line")).ToBeVisibleAsync();
        await Expect(work.Locator("#curve-chart .current-marker")).ToHaveCountAsync(1);
        await Expect(work.Locator("#curve-chart .error-point").First).ToBeVisibleAsync();
        await Expect(work.Locator("#curve-summary")).ToContainTextAsync("error rate 100.0% of 1 reviewed");
        await work.Locator("#curve").ScrollIntoViewIfNeededAsync();
        await Screenshot(work, "06c-error-automation-curve");
        await work.Locator("#curve-type").SelectOptionAsync("Receipt");
        await Expect(work.Locator("#curve-summary")).ToHaveTextAsync("No documents in the window.");
        await work.Locator("#curve-type").SelectOptionAsync("Invoice");
        await work.Locator("#curve-threshold").SelectOptionAsync("confidence");
        await Expect(work.Locator("#curve-chart")).ToHaveAttributeAsync("aria-label", "Automation share and error rate against the confidence threshold");
        await Expect(work.Locator("#curve-chart .automation-line")).ToBeVisibleAsync();
        using (var client = _host.Client())
        {
            var strict = await client.PutAsJsonAsync("/api/automation/settings", new { automationThreshold = 1.0, confidenceThreshold = 1.0 });
            Assert.True(strict.IsSuccessStatusCode, await strict.Content.ReadAsStringAsync());
        }

        // The document's detail shows the correction in its timeline.
        await work.Locator("#nav a[data-route=documents]").ClickAsync();
        await work.Locator("#documents-list tr.clickable").First.ClickAsync();
        await Expect(work.Locator("#timeline")).ToContainTextAsync("document field corrected");
        await Expect(work.Locator("#document-text")).ToContainTextAsync("Northwind Traders Ltd");
        await Screenshot(work, "07-document-detail");

        // Usage: the endpoint may not exist yet; the screen must say so instead of failing.
        await work.Locator("#nav a[data-route=usage]").ClickAsync();
        await Expect(work.Locator("#usage")).Not.ToBeEmptyAsync(new() { Timeout = (float)Wait.TotalMilliseconds });
        await Screenshot(work, "08-usage");
        await Companies(work);
        await OriginalFiles(work);

        // Sign out ends the session for the server too: a reload shows the sign-in form again.
        await work.Locator("#sign-out").ClickAsync();
        await Expect(work.Locator("#sign-in")).ToBeVisibleAsync();
        await work.ReloadAsync();
        await Expect(work.Locator("#sign-in")).ToBeVisibleAsync();

        Assert.Empty(errors);
        Assert.Empty(external);

        // Two browser tabs still hold live streams open: SIGTERM must end them instead of waiting for them.
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(0, await _host.TerminateAsync(TimeSpan.FromSeconds(60)));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), $"shutdown with open live streams took {stopwatch.Elapsed}");
        await context.DisposeAsync();
    }
}
