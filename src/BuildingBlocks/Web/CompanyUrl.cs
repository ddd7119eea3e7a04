using System.Globalization;
using Monolith.BuildingBlocks.Web.Fetching;

namespace Monolith.BuildingBlocks.Web;

/// <summary>
/// The canonical form of a company's website address, so equal sites share cache entries and history:
/// http/https only, IDN host as punycode, lower-case host, default port dropped, no fragment, no user info,
/// tracking parameters removed, remaining query parameters sorted, empty path as "/".
/// </summary>
public sealed record CompanyUrl(Uri Value)
{
    private static readonly IdnMapping Idn = new();
    private static readonly string[] TrackingPrefixes = ["utm_", "mc_", "pk_", "hsa_"];
    private static readonly HashSet<string> TrackingNames = new(StringComparer.OrdinalIgnoreCase)
        { "gclid", "fbclid", "msclkid", "dclid", "yclid", "gbraid", "wbraid", "_ga", "_gl", "ref", "igshid", "mkt_tok" };

    /// <summary>Registrable-looking host without a leading "www.", used to group analyses per company.</summary>
    public string Domain => Value.Host.StartsWith("www.", StringComparison.Ordinal) ? Value.Host[4..] : Value.Host;

    public override string ToString() => Value.AbsoluteUri;

    /// <summary>
    /// Parses and canonicalises <paramref name="input"/>. A host without a dot ("acme", "localhost") is refused as
    /// most likely a typo, unless <paramref name="exemptions"/> (<c>WebFetch:AllowedHosts</c>) names it: a host the
    /// operator allowed the fetcher to reach is a valid company address too.
    /// </summary>
    public static bool TryParse(string? input, out CompanyUrl? url, out string error, HostExemptions? exemptions = null)
    {
        url = null;
        error = "";
        if (string.IsNullOrWhiteSpace(input)) { error = "is required"; return false; }
        var text = input.Trim();
        if (text.Length > 2048) { error = "must be at most 2048 characters"; return false; }
        if (!text.Contains("://", StringComparison.Ordinal)) text = "https://" + text;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)) { error = "is not a valid absolute URL"; return false; }
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) { error = "must use http or https"; return false; }
        if (!string.IsNullOrEmpty(uri.UserInfo)) { error = "must not contain user credentials"; return false; }

        string host;
        try
        {
            host = uri.HostNameType == UriHostNameType.Dns ? Idn.GetAscii(uri.Host.TrimEnd('.')).ToLowerInvariant() : uri.Host.ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            error = "has an invalid host name"; return false;
        }
        if (host.Length == 0 || (uri.HostNameType == UriHostNameType.Dns && !host.Contains('.', StringComparison.Ordinal)
                                 && !(exemptions?.IsExempt(host) ?? false)))
        {
            error = "must name a public host (e.g. example.com)" + (host.Length == 0 ? "" : $"; to analyse '{host}', add it to WebFetch:AllowedHosts");
            return false;
        }

        var query = string.Join('&', uri.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !IsTracking(p.Split('=')[0]))
            .Order(StringComparer.Ordinal));
        var builder = new UriBuilder(uri.Scheme, host, uri.IsDefaultPort ? -1 : uri.Port, uri.AbsolutePath.Length == 0 ? "/" : uri.AbsolutePath)
        {
            Query = query,
            Fragment = "",
        };
        url = new CompanyUrl(builder.Uri);
        return true;
    }

    private static bool IsTracking(string name) =>
        TrackingNames.Contains(name) || TrackingPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The domain filter of analysis lists: accepts a domain or a URL, compares with the canonical domain (lower case, punycode, no <c>www.</c>).</summary>
public static class AnalysisDomain
{
    public static string? Normalise(string? domainOrUrl) =>
        string.IsNullOrWhiteSpace(domainOrUrl) ? null
        : CompanyUrl.TryParse(domainOrUrl, out var url, out _, HostExemptions.Anything) ? url!.Domain
        : domainOrUrl.Trim().ToLowerInvariant();
}
