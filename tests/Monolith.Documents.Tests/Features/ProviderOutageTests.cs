using System.Text.Json;
using Alba;
using Monolith.Documents.Tests.Extraction.Azure;
using Xunit.Abstractions;

namespace Monolith.Documents.Tests.Features;

/// <summary>
/// Invoices are extracted by Azure Document Intelligence first and by the local rules when it fails. The
/// <c>DocumentIntelligence</c> dependency: 3 attempts of at most 1 s; the circuit opens after 6 failed attempts for 2 s.
/// </summary>
public class DocumentIntelligenceOutageFixture : RemoteProviderFixture
{
    public const int Retries = 2;
    public const int TimeoutSeconds = 1;
    /// <summary>Failed attempts (at a failure ratio of 0.5) that open the circuit.</summary>
    public virtual int MinimumThroughput => 6;
    public const int BreakSeconds = 2;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Documents:Providers:Invoice:0"] = "azure";
            settings["Documents:Providers:Invoice:1"] = "local";
            settings["Resilience:Dependencies:DocumentIntelligence:MaxRetryAttempts"] = $"{Retries}";
            settings["Resilience:Dependencies:DocumentIntelligence:TimeoutSeconds"] = $"{TimeoutSeconds}";
            settings["Resilience:Dependencies:DocumentIntelligence:TotalTimeoutSeconds"] = "20";
            settings["Resilience:Dependencies:DocumentIntelligence:BaseDelayMilliseconds"] = "50";
            settings["Resilience:Dependencies:DocumentIntelligence:MaxDelaySeconds"] = "2";
            settings["Resilience:Dependencies:DocumentIntelligence:CircuitBreaker:MinimumThroughput"] = $"{MinimumThroughput}";
            settings["Resilience:Dependencies:DocumentIntelligence:CircuitBreaker:SamplingDurationSeconds"] = "120";
            settings["Resilience:Dependencies:DocumentIntelligence:CircuitBreaker:BreakDurationSeconds"] = $"{BreakSeconds}";
            return settings;
        }
    }

    public const string Tenant = "di-outage";

    public Task<JsonElement> UploadAndWait(byte[] content) => Host.UploadAndWaitAsync(content, Tenant);

    public static JsonElement AzureCall(JsonElement document) =>
        document.GetProperty("providerCalls").EnumerateArray().Single(c => c.GetProperty("provider").GetString() == "azure");

    public async Task<IReadOnlyDictionary<string, string>> CircuitsAsync()
    {
        var result = await Host.Scenario(s => { s.Get.Url("/health/ready"); s.StatusCodeShouldBeOk(); });
        var body = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
        return body.GetProperty("checks").GetProperty("dependencies").GetProperty("data").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.OrdinalIgnoreCase);
    }

    public static IReadOnlyList<TimeSpan> Gaps(IReadOnlyList<StubRequest> requests) =>
        requests.Zip(requests.Skip(1), (a, b) => b.At - a.At).ToList();

    public int Analyzes => Azure.Requests.Count(r => r.Method == "POST");
}

/// <summary>The same with a circuit that never opens, so every fault shows its retries.</summary>
public sealed class DocumentIntelligenceSlowFixture : DocumentIntelligenceOutageFixture
{
    public override int MinimumThroughput => 100;
}

public class when_document_intelligence_has_an_outage(DocumentIntelligenceOutageFixture app, ITestOutputHelper output)
    : IClassFixture<DocumentIntelligenceOutageFixture>
{
    [Fact]
    public async Task documents_fall_back_with_the_reason_recorded_the_circuit_opens_and_azure_is_used_again_after_recovery()
    {
        app.Azure.AnalyzeAlways = new StubFault.Status(503, ErrorCode: "ServiceUnavailable");
        try
        {
            var before = app.Analyzes;
            var first = await app.UploadAndWait(DocumentUploads.ClearInvoice());
            Assert.Equal(DocumentIntelligenceOutageFixture.Retries + 1, app.Analyzes - before);
            Assert.Equal("local", first.GetProperty("fields").GetProperty("total").GetProperty("provider").GetString());
            var call = DocumentIntelligenceOutageFixture.AzureCall(first);
            Assert.False(call.GetProperty("succeeded").GetBoolean());
            Assert.Equal(DocumentIntelligenceOutageFixture.Retries + 1, call.GetProperty("attempts").GetInt32());
            output.WriteLine($"storm: azure call {call}");

            var second = await app.UploadAndWait(DocumentUploads.ClearInvoice());
            Assert.Equal(app.MinimumThroughput, app.Analyzes - before);
            Assert.Equal("local", second.GetProperty("fields").GetProperty("total").GetProperty("provider").GetString());
            Assert.Equal("Open", (await app.CircuitsAsync())["DocumentIntelligence"]);

            var opened = DateTimeOffset.UtcNow;
            var third = await app.UploadAndWait(DocumentUploads.ClearInvoice());
            Assert.Equal(app.MinimumThroughput, app.Analyzes - before);   // not called while open
            Assert.Contains("circuit", DocumentIntelligenceOutageFixture.AzureCall(third).GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
            output.WriteLine($"while open: azure call {DocumentIntelligenceOutageFixture.AzureCall(third)}");

            app.Azure.AnalyzeAlways = null;
            await Task.Delay(TimeSpan.FromSeconds(DocumentIntelligenceOutageFixture.BreakSeconds) - (DateTimeOffset.UtcNow - opened) + TimeSpan.FromMilliseconds(200));
            var recovered = await app.UploadAndWait(DocumentUploads.ClearInvoice());
            Assert.Equal("azure", recovered.GetProperty("fields").GetProperty("total").GetProperty("provider").GetString());
            Assert.Equal("Closed", (await app.CircuitsAsync())["DocumentIntelligence"]);
        }
        finally
        {
            app.Azure.AnalyzeAlways = null;
        }
    }
}

public class when_document_intelligence_is_rate_limited_or_slow(DocumentIntelligenceSlowFixture app, ITestOutputHelper output)
    : IClassFixture<DocumentIntelligenceSlowFixture>
{
    [Fact]
    public async Task a_429_storm_is_retried_after_retry_after_and_hung_or_dripping_answers_are_cut_at_the_attempt_timeout()
    {
        var measured = new List<string>();
        foreach (var (name, fault, minGap, maxGap) in new (string, StubFault, double, double)[]
        {
            ("429 Retry-After 1", new StubFault.Status(429, RetryAfter: "1", ErrorCode: "429"), 0.95, 2.5),
            ("hang", new StubFault.Slow(TimeSpan.FromMinutes(2)), DocumentIntelligenceOutageFixture.TimeoutSeconds - 0.05, DocumentIntelligenceOutageFixture.TimeoutSeconds + 1.5),
            ("slow drip", new StubFault.Drip(TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(100)), DocumentIntelligenceOutageFixture.TimeoutSeconds - 0.05, DocumentIntelligenceOutageFixture.TimeoutSeconds + 1.5),
        })
        {
            var skip = app.Azure.Requests.Count;
            app.Azure.AnalyzeAlways = fault;
            try
            {
                var document = await app.UploadAndWait(DocumentUploads.ClearInvoice());
                var analyzes = app.Azure.Requests.Skip(skip).Where(r => r.Method == "POST").ToList();
                var gaps = DocumentIntelligenceOutageFixture.Gaps(analyzes);
                measured.Add($"{name}: {analyzes.Count} attempts, gaps {string.Join(", ", gaps.Select(g => $"{g.TotalMilliseconds:0} ms"))}, " +
                             $"azure call {DocumentIntelligenceOutageFixture.AzureCall(document).GetProperty("error").GetString()}");
                Assert.Equal(DocumentIntelligenceOutageFixture.Retries + 1, analyzes.Count);
                Assert.All(gaps, gap => Assert.InRange(gap.TotalSeconds, minGap, maxGap));
                Assert.Equal("local", document.GetProperty("fields").GetProperty("total").GetProperty("provider").GetString());
            }
            finally
            {
                app.Azure.AnalyzeAlways = null;
            }
        }
        foreach (var line in measured) output.WriteLine(line);
    }
}
