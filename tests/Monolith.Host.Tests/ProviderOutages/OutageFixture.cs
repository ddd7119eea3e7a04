using System.Net;
using System.Text.Json;
using Alba;
using Monolith.Testing;
using Monolith.Testing.CompanySites;
using Monolith.Testing.OpenAI;

namespace Monolith.Host.Tests.ProviderOutages;

/// <summary>
/// The Host with the <c>openai</c> company analyzer against a local OpenAI-compatible server and the company websites on a
/// local server, both switchable into outages at runtime, and small resilience settings (<see cref="Llm"/>,
/// <see cref="Web"/>) the tests assert against.
/// </summary>
public abstract class OutageFixture : AppFixture
{
    public const string Tenant = "outages";
    public const string Site = "brightpath-it.test";

    public OpenAIChatStub Llm { get; private set; } = null!;
    public CompanySitesServer Sites { get; private set; } = null!;

    /// <summary>The <c>Resilience:Dependencies:Llm</c> values under test.</summary>
    public abstract OutageSettings LlmSettings { get; }

    /// <summary>The <c>Resilience:Dependencies:WebFetch</c> values under test.</summary>
    public virtual OutageSettings WebSettings => new(Retries: 2, TimeoutSeconds: 1, MinimumThroughput: 100, BreakSeconds: 30);

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["CompanyAnalysis:Analyzer"] = "openai",
                ["CompanyAnalysis:WaitTimeoutSeconds"] = "30",
                ["Llm:Endpoint"] = Llm.Endpoint.AbsoluteUri,
                ["Llm:ApiKey"] = OpenAIChatStub.Key,
                ["Llm:Model"] = "gpt-4o-mini",
            };
            LlmSettings.WriteTo(settings, "Llm");
            WebSettings.WriteTo(settings, "WebFetch");
            settings["WebFetch:BodyTimeoutSeconds"] = "2"; // a dripping page is cut after 2 s
            foreach (var (key, value) in Sites.HostAddressSettings()) settings[key] = value;
            return settings;
        }
    }

    public override async Task InitializeAsync()
    {
        Llm = await OpenAIChatStub.StartAsync();
        Llm.AnswerSupplierSteps();
        Sites = await CompanySitesServer.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Llm.DisposeAsync();
        await Sites.DisposeAsync();
    }

    /// <summary>Starts a supplier analysis of <paramref name="host"/> and waits (polling, with a deadline) until it has finished.</summary>
    public async Task<JsonElement> AnalyseAsync(string host = Site)
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(new { url = Sites.UrlOf(host).AbsoluteUri, country = "GB" }).ToUrl("/api/supplier-analyses");
            s.WithRequestHeader("X-Customer-Id", Tenant);
            s.StatusCodeShouldBe(HttpStatusCode.Accepted);
        });
        var id = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement.GetProperty("id").GetGuid();
        return await FinishedAsync(id);
    }

    public async Task RetryAsync(Guid id) => await Host.Scenario(s =>
    {
        s.Post.Json(new { }).ToUrl($"/api/supplier-analyses/{id}/retry");
        s.WithRequestHeader("X-Customer-Id", Tenant);
        s.StatusCodeShouldBe(HttpStatusCode.Accepted);
    });

    /// <summary>The analysis once it is Completed, Partial or Failed (the step results and reasons included).</summary>
    public async Task<JsonElement> FinishedAsync(Guid id, int retries = 0)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(40);
        while (true)
        {
            var analysis = await Host.GetJsonAsync<JsonElement>($"/api/supplier-analyses/{id}", Tenant);
            if (analysis.GetProperty("status").GetString() is "Completed" or "Partial" or "Failed"
                && analysis.GetProperty("retries").GetInt32() >= retries)
                return analysis;
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"analysis {id} still {analysis.GetProperty("status")}");
            await Task.Delay(100);
        }
    }

    public async Task<IReadOnlyList<string>> EventTypesAsync(Guid id) =>
        (await Host.GetJsonAsync<JsonElement>($"/api/supplier-analyses/{id}/events", Tenant))
            .EnumerateArray().Select(e => e.GetProperty("type").GetString()!).ToList();

    /// <summary>The circuit states <c>/health/ready</c> reports (dependency name → Closed/Open/HalfOpen) and its HTTP status.</summary>
    public async Task<(int Status, string Overall, IReadOnlyDictionary<string, string> Circuits)> ReadinessAsync()
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url("/health/ready");
            s.IgnoreStatusCode();
        });
        var body = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
        var data = body.GetProperty("checks").GetProperty("dependencies").GetProperty("data");
        return (result.Context.Response.StatusCode, body.GetProperty("status").GetString()!,
            data.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.OrdinalIgnoreCase));
    }

    public static JsonElement Step(JsonElement analysis, string name) =>
        analysis.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);

    /// <summary>Gaps between consecutive requests the stub received, in order.</summary>
    public static IReadOnlyList<TimeSpan> Gaps(IReadOnlyList<DateTimeOffset> times) =>
        times.Zip(times.Skip(1), (a, b) => b - a).ToList();
}

/// <summary>One dependency's resilience settings as written to <c>Resilience:Dependencies:{name}</c>.</summary>
public sealed record OutageSettings(int Retries, int TimeoutSeconds, int MinimumThroughput, int BreakSeconds,
    int BaseDelayMilliseconds = 50, int MaxDelaySeconds = 2, int TotalTimeoutSeconds = 20)
{
    public int Attempts => Retries + 1;

    public void WriteTo(IDictionary<string, string?> settings, string dependency)
    {
        var prefix = $"Resilience:Dependencies:{dependency}:";
        settings[prefix + "MaxRetryAttempts"] = Retries.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings[prefix + "TimeoutSeconds"] = TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings[prefix + "TotalTimeoutSeconds"] = TotalTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings[prefix + "BaseDelayMilliseconds"] = BaseDelayMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings[prefix + "MaxDelaySeconds"] = MaxDelaySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings[prefix + "CircuitBreaker:FailureRatio"] = "0.5";
        settings[prefix + "CircuitBreaker:MinimumThroughput"] = MinimumThroughput.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings[prefix + "CircuitBreaker:SamplingDurationSeconds"] = "120";
        settings[prefix + "CircuitBreaker:BreakDurationSeconds"] = BreakSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
