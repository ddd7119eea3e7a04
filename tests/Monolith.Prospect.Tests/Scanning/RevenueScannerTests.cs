using System.Net;
using System.Text.Json;
using Alba;
using Marten;
using Monolith.Companies.Contracts;
using Monolith.Companies.Scanning;
using Monolith.Testing;
using Monolith.Testing.CompanySites;

namespace Monolith.Prospect.Tests.Scanning;

/// <summary>The Host on real PostgreSQL, crawling the fixture company websites over real HTTP with the heuristic analyzer.</summary>
public class RevenueScannerFixture : CompanySitesAppFixture
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Prospect:BulkConcurrency"] = "3";
            return settings;
        }
    }

    public async Task<JsonElement> PostAsync(string url, object body, HttpStatusCode expected = HttpStatusCode.OK, string tenant = "acme")
    {
        var parts = url.Split('?', 2);
        var result = await Host.Scenario(s =>
        {
            var send = s.Post.Json(body).ToUrl(parts[0]);
            if (parts.Length > 1)
            {
                foreach (var pair in parts[1].Split('&'))
                {
                    var kv = pair.Split('=', 2);
                    send.QueryString(kv[0], kv[1]);
                }
            }
            s.WithRequestHeader("X-Customer-Id", tenant);
            s.StatusCodeShouldBe(expected);
        });
        return JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.Clone();
    }

    public Task<JsonElement> GetAsync(string url, string tenant = "acme") => Host.GetJsonAsync<JsonElement>(url, tenant);

    /// <summary>A finished supplier analysis of BrightPath IT (GB) — its clusters are what prospects are scored against.</summary>
    public async Task<Guid> SupplierAsync()
    {
        if (_supplier is { } done) return done;
        var analysis = await PostAsync("/api/supplier-analyses?wait=true", new { url = Url("brightpath-it.test"), country = "GB" });
        _supplier = analysis.GetProperty("id").GetGuid();
        // The Prospect module learns the clusters from the Supplier module's contract message.
        try
        {
            await WaitUntilAsync(async () =>
            {
                await using var session = Store.QuerySession("acme");
                return await session.LoadAsync<Inbound.SupplierReference>(_supplier.Value) is { IsFinished: true };
            });
        }
        catch (TimeoutException)
        {
            await using var conn = new Npgsql.NpgsqlConnection(ConnectionString);
            await conn.OpenAsync();
            await using var cmd = new Npgsql.NpgsqlCommand("select message_type, exception_message from wolverine.wolverine_dead_letters union all select table_schema, table_name from information_schema.tables where table_name like 'mt_doc%' union all select message_type, status || ' ' || owner_id from wolverine.wolverine_incoming_envelopes", conn);
            await using var reader = await cmd.ExecuteReaderAsync();
            var lines = new List<string>();
            while (await reader.ReadAsync()) lines.Add(reader.GetString(0) + ": " + reader.GetString(1));
            throw new TimeoutException("no supplier reference; dead letters: " + string.Join(" | ", lines));
        }
        return _supplier.Value;
    }

    private Guid? _supplier;

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"condition not met within {seconds} s");
            await Task.Delay(100);
        }
    }
}

public class when_a_supplier_and_its_prospects_are_scanned(RevenueScannerFixture app) : IClassFixture<RevenueScannerFixture>
{
    [Fact]
    public async Task a_supplier_analysis_records_every_step_and_answers_with_evidence()
    {
        var supplierId = await app.SupplierAsync();
        var a = await app.GetAsync($"/api/supplier-analyses/{supplierId}");

        Assert.Equal("Completed", a.GetProperty("status").GetString());
        Assert.Equal("brightpath-it.test", a.GetProperty("domain").GetString());
        Assert.Equal("GBP", a.GetProperty("currency").GetString());
        Assert.All(a.GetProperty("steps").EnumerateArray(), s => Assert.Equal("Succeeded", s.GetProperty("status").GetString()));

        var name = a.GetProperty("profile").GetProperty("companyName");
        Assert.Contains("BrightPath", name.GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.InRange(name.GetProperty("confidence").GetDouble(), 0.01, 1.0);
        var evidence = name.GetProperty("evidence")[0];
        Assert.StartsWith(app.Sites.UrlOf("brightpath-it.test").AbsoluteUri.TrimEnd('/'), evidence.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(evidence.GetProperty("snippet").GetString()));
        Assert.Equal("heuristic", a.GetProperty("profile").GetProperty("analyzer").GetString());
        Assert.True(a.GetProperty("profile").GetProperty("industry").GetProperty("value").TryGetProperty("code", out _));

        Assert.True(a.GetProperty("valueProposition").GetProperty("offerings").GetArrayLength() > 0);
        Assert.InRange(a.GetProperty("clusters").GetArrayLength(), 3, 8);
        var pages = a.GetProperty("crawl").GetProperty("pages");
        Assert.True(pages.GetArrayLength() > 1, "the crawl reads more than the homepage");
        Assert.All(pages.EnumerateArray(), p => Assert.Equal(64, p.GetProperty("contentHash").GetString()!.Length));

        var events = await app.GetAsync($"/api/supplier-analyses/{supplierId}/events");
        var types = events.EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["analysis_requested", "site_crawled", "profile_extracted", "value_proposition_extracted", "customer_clusters_derived", "supplier_analysis_finished"], types);
    }

    [Fact]
    public async Task page_bodies_are_stored_once_per_content_hash_not_in_events()
    {
        var supplierId = await app.SupplierAsync();
        await using var session = app.Store.QuerySession("acme");
        var raw = await session.Events.FetchStreamAsync(supplierId);
        var crawled = raw.Select(e => e.Data).OfType<SiteCrawled>().Single();
        var hashes = crawled.Crawl.Pages.Select(p => p.ContentHash).Distinct().ToArray();
        var bodies = await session.LoadManyAsync<StoredPageBody>(hashes);
        Assert.Equal(hashes.Length, bodies.Count);
        Assert.All(bodies, b => Assert.False(string.IsNullOrEmpty(b.Text)));
    }

    [Fact]
    public async Task analysing_the_same_site_again_fetches_nothing()
    {
        await app.SupplierAsync();
        var before = app.Sites.TotalRequests;
        var again = await app.PostAsync("/api/supplier-analyses?wait=true", new { url = app.Url("brightpath-it.test") + "?utm_source=mail#top", country = "GB" });

        Assert.Equal("Completed", again.GetProperty("status").GetString());
        Assert.True(again.GetProperty("crawlFromCache").GetBoolean());
        Assert.Equal(before, app.Sites.TotalRequests);
        Assert.Equal(0, again.GetProperty("totals").GetProperty("providerCalls").GetInt32());
    }

    [Fact]
    public async Task a_prospect_is_sized_mapped_to_a_cluster_and_valued_in_its_currency()
    {
        var supplierId = await app.SupplierAsync();
        var p = await app.PostAsync("/api/prospect-analyses?wait=true", new { url = app.Url("nordlicht-logistik.test"), country = "DE", supplierAnalysisId = supplierId });

        Assert.Equal("Completed", p.GetProperty("status").GetString());
        var employees = p.GetProperty("employees");
        Assert.InRange(employees.GetProperty("estimate").GetInt32(), 250, 400);
        Assert.True(employees.GetProperty("evidence").GetArrayLength() > 0);
        Assert.True(p.GetProperty("spendCategories").GetArrayLength() > 0);

        var fits = p.GetProperty("clusterFit").EnumerateArray().ToList();
        Assert.True(fits.Count >= 3);
        var scores = fits.Select(f => f.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.All(scores, s => Assert.InRange(s, 0, 1));
        Assert.True(fits[0].GetProperty("reasons").GetArrayLength() >= 3);

        var o = p.GetProperty("opportunity");
        Assert.Equal("EUR", o.GetProperty("currency").GetString());
        Assert.True(o.GetProperty("low").GetDecimal() <= o.GetProperty("expected").GetDecimal());
        Assert.True(o.GetProperty("expected").GetDecimal() <= o.GetProperty("high").GetDecimal());
        Assert.False(string.IsNullOrEmpty(o.GetProperty("formula").GetString()));
        Assert.StartsWith("scoring-", p.GetProperty("scoringVersion").GetString(), StringComparison.Ordinal);

        var list = await app.GetAsync($"/api/prospect-analyses?domain=NORDLICHT-LOGISTIK.test&supplierAnalysisId={supplierId}");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == p.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task rescoring_replays_recorded_outputs_without_fetching_and_records_the_parameters_version()
    {
        var supplierId = await app.SupplierAsync();
        var p = await app.PostAsync("/api/prospect-analyses?wait=true", new { url = app.Url("sabores-del-sur.test"), country = "ES", supplierAnalysisId = supplierId });
        var id = p.GetProperty("id").GetGuid();
        var expectedBefore = p.GetProperty("opportunity").GetProperty("expected").GetDecimal();
        var requests = app.Sites.TotalRequests;

        var result = await app.PostAsync("/api/prospect-analyses/rescore",
            new { analysisIds = new[] { id }, parameters = new { shareOfWallet = 0.6, minimumFit = 0.0 } });

        Assert.Equal(1, result.GetProperty("rescored").GetInt32());
        var version = result.GetProperty("scoringVersion").GetString();
        Assert.NotEqual(p.GetProperty("scoringVersion").GetString(), version);
        Assert.Equal(requests, app.Sites.TotalRequests);

        var after = await app.GetAsync($"/api/prospect-analyses/{id}");
        Assert.Equal(version, after.GetProperty("scoringVersion").GetString());
        Assert.Equal(1, after.GetProperty("rescores").GetInt32());
        Assert.NotEqual(expectedBefore, after.GetProperty("opportunity").GetProperty("expected").GetDecimal());
        var types = (await app.GetAsync($"/api/prospect-analyses/{id}/events")).EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Contains("opportunity_estimated", types);                 // the original score stays in the audit trail
        Assert.Equal("prospect_scores_recomputed", types[^1]);

        var again = await app.PostAsync("/api/prospect-analyses/rescore", new { analysisIds = new[] { id }, parameters = new { shareOfWallet = 0.6, minimumFit = 0.0 } });
        Assert.Equal(0, again.GetProperty("rescored").GetInt32());
        Assert.Equal(1, again.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public async Task a_bulk_scan_runs_every_prospect_and_reports_progress()
    {
        var supplierId = await app.SupplierAsync();
        var accepted = await app.PostAsync("/api/prospect-analyses/bulk", new
        {
            supplierAnalysisId = supplierId,
            prospects = new[]
            {
                new { url = app.Url("acme-dental.test"), country = "US" },
                new { url = app.Url("alpen-ingenieure.test"), country = "CH" },
                new { url = app.Url("villa-serena-hotels.test"), country = "IT" },
                new { url = app.Url("hostile-corp.test"), country = "US" },
            },
        }, HttpStatusCode.Accepted);
        var batchId = accepted.GetProperty("batchId").GetGuid();
        Assert.Equal(4, accepted.GetProperty("accepted").GetInt32());

        JsonElement progress = default;
        await RevenueScannerFixture.WaitUntilAsync(async () =>
        {
            progress = await app.GetAsync($"/api/prospect-analyses/bulk/{batchId}");
            return progress.GetProperty("done").GetBoolean();
        }, 120);
        Assert.Equal(4, progress.GetProperty("finished").GetInt32());
        Assert.True(progress.GetProperty("completed").GetInt32() >= 3, progress.ToString());

        // robots.txt of the hostile site disallows everything: its analysis fails with that reason, the others are unaffected.
        var hostile = (await app.GetAsync($"/api/prospect-analyses?batchId={batchId}&domain=hostile-corp.test")).GetProperty("items")[0];
        Assert.Equal("Failed", hostile.GetProperty("status").GetString());
        var detail = await app.GetAsync($"/api/prospect-analyses/{hostile.GetProperty("id").GetGuid()}");
        var crawl = detail.GetProperty("steps").EnumerateArray().First(s => s.GetProperty("name").GetString() == "crawl");
        Assert.Equal("Failed", crawl.GetProperty("status").GetString());
        Assert.Contains("robots", crawl.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);

        var retry = await app.PostAsync($"/api/prospect-analyses/{hostile.GetProperty("id").GetGuid()}/retry", new { }, HttpStatusCode.Accepted);
        Assert.Equal("crawl", Assert.Single(retry.GetProperty("steps").EnumerateArray()).GetString());
        await RevenueScannerFixture.WaitUntilAsync(async () =>
        {
            var again = await app.GetAsync($"/api/prospect-analyses/{hostile.GetProperty("id").GetGuid()}");
            return again.GetProperty("retries").GetInt32() == 1 && again.GetProperty("status").GetString() == "Failed";
        });
    }

    [Fact]
    public async Task analytics_shows_the_history_the_pipeline_and_the_usage_of_the_analyses()
    {
        var supplierId = await app.SupplierAsync();
        var p = await app.PostAsync("/api/prospect-analyses?wait=true", new { url = app.Url("alpen-ingenieure.test"), country = "CH", supplierAnalysisId = supplierId });
        var prospectId = p.GetProperty("id").GetGuid();

        JsonElement pipeline = default;
        await RevenueScannerFixture.WaitUntilAsync(async () =>
        {
            var result = await app.Host.Scenario(s =>
            {
                s.Get.Url($"/api/analytics/suppliers/{supplierId}/pipeline");
                s.WithRequestHeader("X-Customer-Id", "acme");
                s.IgnoreStatusCode();
            });
            if (result.Context.Response.StatusCode != 200) return false;
            pipeline = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.Clone();
            return pipeline.GetProperty("top").EnumerateArray().Any(t => t.GetProperty("prospectAnalysisId").GetGuid() == prospectId);
        });
        Assert.NotEmpty(pipeline.GetProperty("byCluster").EnumerateArray());
        var chf = pipeline.GetProperty("byCountry").EnumerateArray().First(c => c.GetProperty("key").GetString() == "CH");
        Assert.Equal("CHF", chf.GetProperty("currency").GetString());

        var history = await app.GetAsync("/api/analytics/companies/alpen-ingenieure.test/history");
        var entry = history.GetProperty("analyses").EnumerateArray().First(a => a.GetProperty("analysisId").GetGuid() == prospectId);
        Assert.Equal("prospect", entry.GetProperty("kind").GetString());
        Assert.Equal("Completed", entry.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(history.GetProperty("latest").GetProperty("companyName").GetString()));

        await RevenueScannerFixture.WaitUntilAsync(async () =>
        {
            var usage = await app.GetAsync("/api/analytics/usage?range=24h");
            var steps = usage.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("step").GetString()).ToHashSet();
            return steps.IsSupersetOf(["crawl", "profile", "employees", "cluster-fit"]);
        });
    }

    [Fact]
    public async Task read_models_rebuilt_from_the_events_equal_the_live_ones()
    {
        var supplierId = await app.SupplierAsync();
        var p = await app.PostAsync("/api/prospect-analyses?wait=true", new { url = app.Url("lumiere-logiciel.test"), country = "FR", supplierAnalysisId = supplierId });
        var id = p.GetProperty("id").GetGuid();
        await RevenueScannerFixture.WaitUntilAsync(async () =>
        {
            var r = await app.Host.Scenario(s => { s.Get.Url($"/api/analytics/suppliers/{supplierId}/pipeline"); s.WithRequestHeader("X-Customer-Id", "acme"); s.IgnoreStatusCode(); });
            return r.Context.Response.StatusCode == 200 && (await r.ReadAsTextAsync()).Contains(id.ToString(), StringComparison.Ordinal);
        });
        var liveAnalysis = (await app.GetAsync($"/api/prospect-analyses/{id}")).ToString();
        var livePipeline = (await app.GetAsync($"/api/analytics/suppliers/{supplierId}/pipeline")).ToString();
        var liveHistory = (await app.GetAsync("/api/analytics/companies/lumiere-logiciel.test/history")).ToString();

        // Lose the read models, prove they are gone, rebuild them from the events.
        await using (var session = app.Store.LightweightSession("acme"))
        {
            session.HardDeleteWhere<ProspectAnalysis>(a => a.Id == id);
            session.HardDeleteWhere<Monolith.Analytics.Features.SupplierPipeline.PipelineEntry>(e => e.SupplierAnalysisId == supplierId);
            await session.SaveChangesAsync();
        }
        await app.Host.Scenario(s => { s.Get.Url($"/api/prospect-analyses/{id}"); s.WithRequestHeader("X-Customer-Id", "acme"); s.StatusCodeShouldBe(404); });
        foreach (var projection in new[] { "ProspectAnalysis", "PipelineEntry", "CompanyHistory" })
            await app.PostAsync($"/api/analytics/projections/{projection}/rebuild", new { }, tenant: "default"); // platform tenant

        Assert.Equal(liveAnalysis, (await app.GetAsync($"/api/prospect-analyses/{id}")).ToString());
        Assert.Equal(livePipeline, (await app.GetAsync($"/api/analytics/suppliers/{supplierId}/pipeline")).ToString());
        Assert.Equal(liveHistory, (await app.GetAsync("/api/analytics/companies/lumiere-logiciel.test/history")).ToString());
    }

    [Fact]
    public async Task another_tenant_cannot_see_or_score_against_the_analyses()
    {
        var supplierId = await app.SupplierAsync();
        await app.Host.Scenario(s =>
        {
            s.Get.Url($"/api/supplier-analyses/{supplierId}");
            s.WithRequestHeader("X-Customer-Id", "globex");
            s.StatusCodeShouldBe(404);
        });
        var problem = await app.PostAsync("/api/prospect-analyses", new { url = app.Url("nordlicht-logistik.test"), country = "DE", supplierAnalysisId = supplierId },
            HttpStatusCode.BadRequest, tenant: "globex");
        Assert.True(problem.GetProperty("errors").TryGetProperty("supplierAnalysisId", out _));
    }

    [Fact]
    public async Task each_module_sees_only_its_own_analyses_despite_the_shared_scanning_events()
    {
        // Both streams carry site_crawled, profile_extracted, …: neither module's snapshot may project the other's stream.
        var supplierId = await app.SupplierAsync();
        var p = await app.PostAsync("/api/prospect-analyses?wait=true", new { url = app.Url("acme-dental.test"), country = "US", supplierAnalysisId = supplierId });
        var prospectId = p.GetProperty("id").GetGuid();
        Assert.Equal("Completed", p.GetProperty("status").GetString());

        var suppliers = (await app.GetAsync("/api/supplier-analyses?pageSize=200")).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(suppliers, i => i.GetProperty("id").GetGuid() == supplierId);
        Assert.DoesNotContain(suppliers, i => i.GetProperty("id").GetGuid() == prospectId);
        Assert.All(suppliers, i => Assert.False(string.IsNullOrEmpty(i.GetProperty("domain").GetString()), i.ToString()));

        var prospects = (await app.GetAsync("/api/prospect-analyses?pageSize=200")).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(prospects, i => i.GetProperty("id").GetGuid() == prospectId);
        Assert.DoesNotContain(prospects, i => i.GetProperty("id").GetGuid() == supplierId);
        Assert.All(prospects, i => Assert.False(string.IsNullOrEmpty(i.GetProperty("domain").GetString()), i.ToString()));

        foreach (var url in new[] { $"/api/supplier-analyses/{prospectId}", $"/api/prospect-analyses/{supplierId}" })
            await app.Host.Scenario(s => { s.Get.Url(url); s.WithRequestHeader("X-Customer-Id", "acme"); s.StatusCodeShouldBe(404); });

        await using var session = app.Store.QuerySession("acme");
        Assert.Null(await session.LoadAsync<Monolith.Supplier.SupplierAnalysis>(prospectId));
        Assert.Null(await session.LoadAsync<ProspectAnalysis>(supplierId));
        Assert.Equal(0, await session.Query<Monolith.Supplier.SupplierAnalysis>().CountAsync(a => a.Domain == ""));
        Assert.Equal(0, await session.Query<ProspectAnalysis>().CountAsync(a => a.Domain == ""));
        Assert.NotNull(await session.LoadAsync<Monolith.Supplier.SupplierAnalysis>(supplierId));
        Assert.NotNull(await session.LoadAsync<ProspectAnalysis>(prospectId));
    }

    [Theory]
    [InlineData("{\"url\":\"ftp://x.example\",\"country\":\"DE\",\"supplierAnalysisId\":\"0190a000-0000-7000-8000-000000000001\"}", "url")]
    [InlineData("{\"url\":\"https://x.example\",\"country\":\"XX\",\"supplierAnalysisId\":\"0190a000-0000-7000-8000-000000000001\"}", "country")]
    [InlineData("{\"url\":\"https://x.example\",\"country\":\"DE\"}", "supplierAnalysisId")]
    [InlineData("{\"url\":\"https://x.example\",\"country\":\"DE\",\"supplierAnalysisId\":\"0190a000-0000-7000-8000-000000000001\"}", "supplierAnalysisId")]
    public async Task bad_prospect_requests_are_400s_naming_the_field(string body, string field)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Text(body).ToUrl("/api/prospect-analyses");
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(400);
        });
        var problem = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task a_bulk_request_with_a_bad_item_is_refused_whole_naming_the_item()
    {
        var supplierId = await app.SupplierAsync();
        var problem = await app.PostAsync("/api/prospect-analyses/bulk", new
        {
            supplierAnalysisId = supplierId,
            prospects = new object?[] { new { url = app.Url("acme-dental.test"), country = "US" }, new { url = "javascript:alert(1)", country = "US" }, null },
        }, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("prospects[1].url", out _), problem.ToString());
        Assert.True(errors.TryGetProperty("prospects[2]", out _), problem.ToString());

        var tooMany = await app.PostAsync("/api/prospect-analyses/bulk", new
        {
            supplierAnalysisId = supplierId,
            prospects = Enumerable.Range(0, 501).Select(i => new { url = $"https://p{i}.example", country = "US" }).ToArray(),
        }, HttpStatusCode.BadRequest);
        Assert.Contains("Prospect:BulkMaxProspects", tooMany.GetProperty("errors").GetProperty("prospects")[0].GetString(), StringComparison.Ordinal);
    }
}
