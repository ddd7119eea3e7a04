using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monolith.Testing.CompanySites;
using Xunit.Abstractions;

namespace Monolith.Reliability.Tests;

/// <summary>
/// SIGKILL during a bulk prospect scan against the fixture company sites: after a restart the batch finishes, every
/// analysis exactly once, and no step's result is recorded twice.
/// </summary>
public sealed class when_the_host_is_killed_mid_bulk_prospect_scan(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly FaultHarness _harness = new(output, "kill-prospects");
    private CompanySitesServer _sites = null!;

    public async Task InitializeAsync() => _sites = await CompanySitesServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _sites.DisposeAsync();
    }

    [Fact]
    public async Task the_batch_finishes_after_a_restart_with_every_analysis_finished_once()
    {
        foreach (var (key, value) in _sites.HostAddressSettings()) _harness.Settings[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        _harness.Settings["Prospect__BulkConcurrency"] = "2";
        var first = await _harness.StartReadyHostAsync();
        using var client = first.Client(_harness.Tenant);

        using var supplier = await client.PostAsJsonAsync("/api/supplier-analyses?wait=true",
            new { url = _sites.UrlOf("brightpath-it.test").ToString(), country = "GB" });
        Assert.Equal(HttpStatusCode.OK, supplier.StatusCode);
        var supplierId = (await supplier.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // The Prospect module learns the supplier's clusters asynchronously: a prospect is refused (409) until then.
        await FaultHarness.PollAsync(async () =>
        {
            using var probe = await client.PostAsJsonAsync("/api/prospect-analyses",
                new { url = _sites.UrlOf("nordlicht-logistik.test").ToString(), country = "DE", supplierAnalysisId = supplierId });
            return probe.StatusCode;
        }, s => s == HttpStatusCode.Accepted, TimeSpan.FromSeconds(30), "a prospect accepted");

        var countries = new Dictionary<string, string>
        {
            ["acme-dental.test"] = "US", ["alpen-ingenieure.test"] = "CH", ["bakkerij-devries.test"] = "NL",
            ["lumiere-logiciel.test"] = "FR", ["nordlicht-logistik.test"] = "DE", ["sabores-del-sur.test"] = "ES",
            ["sparkle-facility.test"] = "GB", ["villa-serena-hotels.test"] = "IT", ["hostile-corp.test"] = "US",
        };
        // Each site under a few distinct URLs (query strings are part of the crawl's URL), ~30 prospects.
        var prospects = Enumerable.Range(0, 30)
            .Select(i => countries.ElementAt(i % countries.Count))
            .Select((site, i) => new { url = _sites.UrlOf(site.Key, $"/?run={i}").ToString(), country = site.Value })
            .ToList();
        using var bulk = await client.PostAsJsonAsync("/api/prospect-analyses/bulk", new { supplierAnalysisId = supplierId, prospects });
        Assert.Equal(HttpStatusCode.Accepted, bulk.StatusCode);
        var accepted = await bulk.Content.ReadFromJsonAsync<JsonElement>();
        var batchId = accepted.GetProperty("batchId").GetGuid();
        var ids = accepted.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("analysisId").GetGuid()).ToList();
        Assert.Equal(prospects.Count, ids.Count);

        var progress = await FaultHarness.PollAsync(() => client.GetFromJsonAsync<JsonElement>(new Uri($"/api/prospect-analyses/bulk/{batchId}", UriKind.Relative)),
            p => p.GetProperty("finished").GetInt32() >= 3, TimeSpan.FromSeconds(60), "three prospects finished");
        var finishedAtKill = progress.GetProperty("finished").GetInt32();
        first.Kill();
        var clock = Stopwatch.StartNew();
        _harness.Log($"killed with {finishedAtKill}/{ids.Count} finished");
        Assert.True(finishedAtKill < ids.Count, "the batch finished before the kill; nothing was tested");

        var second = await _harness.StartReadyHostAsync();
        _harness.Log($"ready again {clock.Elapsed.TotalSeconds:0.0} s after the kill");
        using var again = second.Client(_harness.Tenant);
        var done = await FaultHarness.PollAsync(() => again.GetFromJsonAsync<JsonElement>(new Uri($"/api/prospect-analyses/bulk/{batchId}", UriKind.Relative)),
            p => p.GetProperty("done").GetBoolean(), TimeSpan.FromSeconds(75), "the batch done");
        _harness.Log($"batch done {clock.Elapsed.TotalSeconds:0.0} s after the kill: {done}");
        Assert.Equal(ids.Count, done.GetProperty("finished").GetInt32());

        var rerunSteps = 0;
        foreach (var id in ids)
        {
            var events = await FaultHarness.EventsAsync(again, $"/api/prospect-analyses/{id}/events");
            var types = events.Select(e => e.GetProperty("type").GetString()!).ToList();
            Assert.Equal(1, types.Count(t => t == "prospect_analysis_started"));
            Assert.Equal(1, types.Count(t => t.EndsWith("_analysis_finished", StringComparison.Ordinal)));
            // No retry was asked for: each step's success or failure is recorded at most once.
            var successes = types.Where(t => t is not "analysis_step_failed").ToList();
            Assert.True(successes.Count == successes.Distinct().Count(), $"{id}: {string.Join(", ", types)}");
            var failedSteps = events.Where(e => e.GetProperty("type").GetString() == "analysis_step_failed")
                .Select(e => e.GetProperty("data").GetProperty("step").GetString()).ToList();
            Assert.True(failedSteps.Count == failedSteps.Distinct().Count(), $"{id}: {string.Join(", ", failedSteps)}");
            rerunSteps += types.Count;
            foreach (var failure in events.Where(e => e.GetProperty("type").GetString() == "analysis_step_failed"))
                _harness.Log($"{id} {prospects[ids.IndexOf(id)].url}: {failure.GetProperty("data").GetProperty("step")} failed: {failure.GetProperty("data").GetProperty("reason")}");
        }
        var finishedEvents = await _harness.QueryAsync<Guid, long>(
            "select stream_id, count(*) from monolith.mt_events where tenant_id = @t and type = 'prospect_analysis_finished' group by stream_id",
            ("t", _harness.Tenant));
        Assert.Equal(ids.Order(), finishedEvents.Select(f => f.Item1).Where(ids.Contains).Order());
        Assert.All(finishedEvents, f => Assert.Equal(1, f.Item2));
        var deadLetters = await _harness.DeadLettersAsync();
        Assert.True(deadLetters.Length == 0, "dead letters:\n" + deadLetters);
        _harness.Log($"prospects={ids.Count}, events={rerunSteps}, completed={done.GetProperty("completed").GetInt32()}, partial={done.GetProperty("partial").GetInt32()}, failed={done.GetProperty("failed").GetInt32()}");
    }
}
