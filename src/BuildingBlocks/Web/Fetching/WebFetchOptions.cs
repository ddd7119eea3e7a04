using System.ComponentModel.DataAnnotations;

namespace Monolith.BuildingBlocks.Web.Fetching;

/// <summary>
/// Settings of the website fetcher (section <c>WebFetch</c>); timeouts, retries, rate limit and circuit live in
/// <c>Resilience:Dependencies:WebFetch</c>. Validated at start-up.
/// </summary>
public sealed class WebFetchOptions : IValidatableObject
{
    public const string Section = "WebFetch";

    /// <summary>
    /// Host names, IP addresses or CIDR ranges (e.g. <c>localhost</c>, <c>127.0.0.1</c>, <c>10.0.0.0/8</c>) the fetcher may
    /// reach although they are not public. Empty in production; for tests and local demos only.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>
    /// Fixed addresses for host names, like <c>curl --resolve</c> or an /etc/hosts entry (e.g. <c>"acme.test": "127.0.0.1"</c>),
    /// used instead of DNS. The address still has to be public or exempt (<see cref="AllowedHosts"/>). For tests and local
    /// demos serving several named sites from one machine; empty in production.
    /// </summary>
    public Dictionary<string, string> HostAddresses { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Largest body read per response (after decompression); the rest is dropped and the page marked truncated.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxResponseBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>
    /// Longest time reading one response body, after its headers arrived (which the WebFetch resilience pipeline's
    /// attempt timeout bounds): a server that drips its page is cut off, the fetch fails with <c>body-timeout</c> and is
    /// not retried (a slow site stays slow).
    /// </summary>
    [Range(1, 600)]
    public int BodyTimeoutSeconds { get; set; } = 20;

    /// <summary>Redirects followed per fetch; one more is reported as <c>too-many-redirects</c>.</summary>
    [Range(0, 20)]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Requests in flight at once to one host (across all callers of this process).</summary>
    [Range(1, 64)]
    public int PerHostConcurrency { get; set; } = 2;

    /// <summary>Sent as <c>User-Agent</c>; its first product token is the name robots.txt groups are matched against.</summary>
    [Required(AllowEmptyStrings = false), MaxLength(256)]
    public string UserAgent { get; set; } = "MonolithBot/1.0 (+https://github.com/monolith)";

    /// <summary>Sent as <c>Accept-Language</c>; empty sends none.</summary>
    [MaxLength(256)]
    public string? AcceptLanguage { get; set; } = "en;q=0.9, *;q=0.5";

    /// <summary>How long a host's robots.txt (or its absence) is reused. RFC 9309 asks for at most 24 hours.</summary>
    [Range(1, 24 * 60)]
    public int RobotsCacheMinutes { get; set; } = 60;

    /// <summary>Most page URLs collected from a site's sitemaps (all files together).</summary>
    [Range(1, 1_000_000)]
    public int MaxSitemapEntries { get; set; } = 10_000;

    /// <summary>Most sitemap files fetched per site (indexes and their children).</summary>
    [Range(1, 1_000)]
    public int MaxSitemapFiles { get; set; } = 20;

    /// <summary>The robots.txt product token: the first token of <see cref="UserAgent"/> without its version.</summary>
    public string ProductToken
    {
        get
        {
            var first = (UserAgent ?? "").Trim().Split(' ', 2)[0];
            var slash = first.IndexOf('/', StringComparison.Ordinal);
            return slash > 0 ? first[..slash] : first;
        }
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var entries = AllowedHosts ?? [];
        for (var i = 0; i < entries.Count; i++)
        {
            if (!HostExemptions.TryParseEntry(entries[i], out _, out var error))
                yield return new ValidationResult($"entry {i} ('{entries[i]}') {error}", [nameof(AllowedHosts)]);
        }
        foreach (var (host, address) in HostAddresses ?? [])
        {
            if (!System.Net.IPAddress.TryParse(address, out _))
                yield return new ValidationResult($"entry '{host}' must map to an IP address, not '{address}'", [nameof(HostAddresses)]);
        }
        if (!string.IsNullOrEmpty(UserAgent) && !System.Net.Http.Headers.ProductInfoHeaderValue.TryParse(UserAgent.Split(' ')[0], out _))
            yield return new ValidationResult("must start with a product token such as 'MonolithBot/1.0'", [nameof(UserAgent)]);
    }
}
