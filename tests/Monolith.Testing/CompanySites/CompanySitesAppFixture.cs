namespace Monolith.Testing.CompanySites;

/// <summary>
/// The Host (as <see cref="AppFixture"/>) with the fixture company websites running in the test process and resolved
/// by the Host's fetcher; website fetching without retries and with short timeouts, analyses waited for up to 60 s.
/// </summary>
public class CompanySitesAppFixture : AppFixture
{
    public CompanySitesServer Sites { get; private set; } = null!;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["CompanyAnalysis:WaitTimeoutSeconds"] = "60",
                ["Resilience:Dependencies:WebFetch:MaxRetryAttempts"] = "0",
                ["Resilience:Dependencies:WebFetch:TimeoutSeconds"] = "5",
                ["Resilience:Dependencies:WebFetch:TotalTimeoutSeconds"] = "10",
            };
            foreach (var (key, value) in Sites.HostAddressSettings()) settings[key] = value;
            return settings;
        }
    }

    public override async Task InitializeAsync()
    {
        Sites = await CompanySitesServer.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Sites.DisposeAsync();
    }

    public string Url(string host) => Sites.UrlOf(host).AbsoluteUri;
}
