using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Monolith.Companies;
using Monolith.Companies.Contracts;

namespace Monolith.Companies.Heuristic;

/// <summary>The company profile from parsed pages: one pure function per fact, each null when the site does not say it.</summary>
public static partial class ProfileRules
{
    /// <summary>The company or publisher name the page sources agree on (see <see cref="CompanyNameRules"/>).</summary>
    public static Fact<string>? CompanyName(IReadOnlyList<ParsedPage> pages) => CompanyNameRules.CompanyName(pages);

    /// <summary>The site's own summary, else its first paragraph of prose (see <see cref="DescriptionRules"/>).</summary>
    public static Fact<string>? Description(IReadOnlyList<ParsedPage> pages) => DescriptionRules.Description(pages);

    public static bool IsLogo(PageImage image) =>
        image.ClassAndId.Contains("logo", StringComparison.OrdinalIgnoreCase)
        || image.Alt.Contains("logo", StringComparison.OrdinalIgnoreCase)
        || image.Src.AbsolutePath.Contains("logo", StringComparison.OrdinalIgnoreCase);

    /// <summary>The logo: JSON-LD, og:logo, then icons by size and the header logo image (see <see cref="LogoRules"/>).</summary>
    public static Fact<string>? LogoUrl(IReadOnlyList<ParsedPage> pages) => LogoRules.LogoUrl(pages);

    // ---- social profiles ----

    private static readonly (string Network, string[] Hosts, string Canonical)[] Networks =
    [
        ("linkedin", ["linkedin.com"], "www.linkedin.com"),
        ("x", ["twitter.com", "x.com"], "x.com"),
        ("facebook", ["facebook.com", "fb.com"], "www.facebook.com"),
        ("instagram", ["instagram.com"], "www.instagram.com"),
        ("youtube", ["youtube.com"], "www.youtube.com"),
        ("xing", ["xing.com"], "www.xing.com"),
        ("github", ["github.com"], "github.com"),
    ];

    private static readonly string[] SharePaths = ["/sharer", "/share", "/intent", "/shareArticle", "/home?status", "/dialog"];

    /// <summary>The network and canonical URL of a profile link (https, canonical host, no query or trailing slash); null for other links and share buttons.</summary>
    public static SocialProfile? NormaliseSocial(string? href)
    {
        if (string.IsNullOrWhiteSpace(href)) return null;
        var raw = href.Trim();
        if (raw.StartsWith("//", StringComparison.Ordinal)) raw = "https:" + raw;
        else if (!raw.Contains("://", StringComparison.Ordinal)) raw = "https://" + raw;
        if (!Uri.TryCreate(raw, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")) return null;
        var host = url.Host.ToLowerInvariant();
        foreach (var (network, hosts, canonical) in Networks)
        {
            if (!hosts.Any(h => host == h || host.EndsWith("." + h, StringComparison.Ordinal))) continue;
            var path = url.AbsolutePath.TrimEnd('/');
            if (path.Length == 0 || SharePaths.Any(s => path.StartsWith(s, StringComparison.OrdinalIgnoreCase))) return null;
            return new SocialProfile(network, $"https://{canonical}{path}");
        }
        return null;
    }

    public static Fact<IReadOnlyList<SocialProfile>>? SocialProfiles(IReadOnlyList<ParsedPage> pages)
    {
        var found = new List<SocialProfile>();
        var evidence = new List<Evidence>();
        var confidence = 0.0;
        void Add(SocialProfile? profile, Evidence where, double sure)
        {
            if (profile is null || found.Any(f => string.Equals(f.Url, profile.Url, StringComparison.OrdinalIgnoreCase))) return;
            found.Add(profile);
            if (evidence.Count < 8) evidence.Add(where);
            confidence = Math.Max(confidence, sure);
        }
        foreach (var page in pages)
            foreach (var node in page.JsonLd.Where(JsonLd.IsOrganization))
                foreach (var same in JsonLd.Strings(node, "sameAs")) Add(NormaliseSocial(same), new Evidence(page.Url.AbsoluteUri, $"sameAs: {same}"), 0.95);
        foreach (var page in pages)
            foreach (var link in page.Links) Add(NormaliseSocial(link.Url.AbsoluteUri), new Evidence(page.Url.AbsoluteUri, $"<a href=\"{link.Url}\">{link.Text}</a>"), 0.85);
        return found.Count == 0 ? null : new Fact<IReadOnlyList<SocialProfile>>(found, confidence, evidence);
    }

    // ---- contacts ----

    /// <summary>E-mail addresses in text, including the obfuscated "info [at] acme [dot] com" forms.</summary>
    public static IReadOnlyList<string> Emails(string text)
    {
        var found = new List<string>();
        foreach (Match match in Email().Matches(text)) found.Add(match.Value.TrimEnd('.').ToLowerInvariant());
        foreach (Match match in ObfuscatedEmail().Matches(text))
        {
            var domain = DotWord().Replace(match.Groups["domain"].Value, ".").Replace(" ", "", StringComparison.Ordinal);
            found.Add($"{match.Groups["user"].Value}@{domain}".ToLowerInvariant().TrimEnd('.'));
        }
        return found.Where(e => !e.EndsWith(".png", StringComparison.Ordinal) && !e.EndsWith(".jpg", StringComparison.Ordinal) && !e.Contains("example.", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>A phone number as <c>+</c> and digits (a national number keeps its leading zero); null when too short.</summary>
    public static string? NormalisePhone(string raw)
    {
        var trimmed = raw.Trim().Replace("(0)", "", StringComparison.Ordinal);
        var international = trimmed.StartsWith('+') || trimmed.StartsWith("00", StringComparison.Ordinal);
        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        if (trimmed.StartsWith("00", StringComparison.Ordinal)) digits = digits[2..];
        if (digits.Length is < 7 or > 15) return null;
        return international ? "+" + digits : digits;
    }

    public static Fact<IReadOnlyList<ContactPoint>>? Contacts(IReadOnlyList<ParsedPage> pages)
    {
        var found = new List<ContactPoint>();
        var evidence = new List<Evidence>();
        var confidence = 0.0;
        void Add(string kind, string? value, Evidence where, double sure)
        {
            if (string.IsNullOrWhiteSpace(value) || found.Any(f => f.Kind == kind && string.Equals(f.Value, value, StringComparison.OrdinalIgnoreCase))) return;
            found.Add(new ContactPoint(kind, value));
            if (evidence.Count < 10) evidence.Add(where);
            confidence = Math.Max(confidence, sure);
        }
        foreach (var page in pages)
            foreach (var node in page.JsonLd.Where(n => JsonLd.IsOrganization(n) || JsonLd.IsType(n, "ContactPoint")))
            {
                var where = page.Evidence(node.GetRawText());
                foreach (var holder in new[] { node }.Concat(JsonLd.Values(node, "contactPoint")))
                {
                    Add("email", JsonLd.String(holder, "email")?.Replace("mailto:", "", StringComparison.OrdinalIgnoreCase).ToLowerInvariant(), where, 0.95);
                    if (JsonLd.String(holder, "telephone") is { } tel) Add("phone", NormalisePhone(tel), where, 0.95);
                }
                if (Address(node) is { } address) Add("address", address, where, 0.95);
            }
        foreach (var page in pages)
            foreach (var link in page.Links)
            {
                var where = new Evidence(page.Url.AbsoluteUri, $"<a href=\"{link.Url.OriginalString}\">{link.Text}</a>");
                if (link.Url.Scheme == "mailto") Add("email", Uri.UnescapeDataString(link.Url.OriginalString[7..].Split('?')[0]).Trim().ToLowerInvariant(), where, 0.9);
                else if (link.Url.Scheme == "tel") Add("phone", NormalisePhone(Uri.UnescapeDataString(link.Url.OriginalString[4..])), where, 0.9);
            }
        foreach (var page in pages)
            foreach (var email in Emails(page.Text)) Add("email", email, page.EvidenceOf(email.Split('@')[0]), 0.8);
        foreach (var page in pages.Where(p => p.Category is "Contact" or "Legal" or "Home"))
            foreach (Match match in Phone().Matches(page.Text))
                Add("phone", NormalisePhone(match.Groups["number"].Value), page.Evidence(page.Text, match.Index, match.Length), 0.7);
        foreach (var page in pages.Where(p => p.Category == "Contact" && p.HasForm))
            Add("form", page.Url.AbsoluteUri, new Evidence(page.Url.AbsoluteUri, "<form> on the contact page"), 0.7);
        return found.Count == 0 ? null : new Fact<IReadOnlyList<ContactPoint>>(found, confidence, evidence);
    }

    private static string? Address(JsonElement node)
    {
        var address = JsonLd.Values(node, "address").FirstOrDefault();
        if (address.ValueKind == JsonValueKind.String) return address.GetString();
        if (address.ValueKind != JsonValueKind.Object) return null;
        var parts = new[]
        {
            JsonLd.String(address, "streetAddress"),
            string.Join(' ', new[] { JsonLd.String(address, "postalCode"), JsonLd.String(address, "addressLocality") }.Where(p => p is not null)),
            JsonLd.String(address, "addressCountry"),
        }.Where(p => !string.IsNullOrWhiteSpace(p));
        var joined = string.Join(", ", parts);
        return joined.Length > 0 ? joined : null;
    }

    // ---- country ----

    private static readonly (string Prefix, string Country)[] CallingCodes =
    [
        ("+49", "DE"), ("+33", "FR"), ("+34", "ES"), ("+39", "IT"), ("+44", "GB"), ("+41", "CH"), ("+43", "AT"), ("+31", "NL"),
        ("+32", "BE"), ("+352", "LU"), ("+45", "DK"), ("+46", "SE"), ("+47", "NO"), ("+48", "PL"), ("+351", "PT"), ("+353", "IE"),
        ("+420", "CZ"), ("+358", "FI"), ("+30", "GR"), ("+61", "AU"), ("+81", "JP"), ("+1", "US"),
    ];

    private static readonly Dictionary<string, string> CountryNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["germany"] = "DE", ["deutschland"] = "DE", ["allemagne"] = "DE", ["alemania"] = "DE",
        ["france"] = "FR", ["frankreich"] = "FR", ["francia"] = "FR",
        ["spain"] = "ES", ["españa"] = "ES", ["spanien"] = "ES", ["espagne"] = "ES",
        ["italy"] = "IT", ["italia"] = "IT", ["italien"] = "IT", ["italie"] = "IT",
        ["united kingdom"] = "GB", ["uk"] = "GB", ["great britain"] = "GB", ["england"] = "GB", ["royaume-uni"] = "GB", ["reino unido"] = "GB", ["großbritannien"] = "GB",
        ["switzerland"] = "CH", ["schweiz"] = "CH", ["suisse"] = "CH", ["svizzera"] = "CH", ["suiza"] = "CH",
        ["austria"] = "AT", ["österreich"] = "AT", ["autriche"] = "AT",
        ["netherlands"] = "NL", ["nederland"] = "NL", ["niederlande"] = "NL", ["pays-bas"] = "NL", ["países bajos"] = "NL",
        ["belgium"] = "BE", ["belgique"] = "BE", ["belgien"] = "BE", ["ireland"] = "IE", ["portugal"] = "PT", ["poland"] = "PL", ["polska"] = "PL",
        ["united states"] = "US", ["usa"] = "US", ["u.s.a."] = "US", ["united states of america"] = "US", ["canada"] = "CA",
    };

    private static readonly HashSet<string> GenericTlds = new(StringComparer.OrdinalIgnoreCase) { "com", "org", "net", "io", "co", "eu", "info", "biz", "app", "dev", "test", "local", "ai" };

    /// <summary>An ISO 3166-1 alpha-2 code from a code or an English/local country name, or null.</summary>
    public static string? CountryCode(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var trimmed = value.Trim().TrimEnd('.');
        if (CountryNames.TryGetValue(trimmed, out var named)) return named;
        if (trimmed.Length == 2 && trimmed.All(char.IsAsciiLetter))
        {
            var upper = trimmed.ToUpperInvariant();
            if (upper == "UK") return "GB";
            try { return new RegionInfo(upper).TwoLetterISORegionName == upper ? upper : null; }
            catch (ArgumentException) { return null; }
        }
        return null;
    }

    public static string? CountryOfPhone(string normalisedPhone) =>
        normalisedPhone.StartsWith('+') ? CallingCodes.Where(c => normalisedPhone.StartsWith(c.Prefix, StringComparison.Ordinal)).OrderByDescending(c => c.Prefix.Length).Select(c => c.Country).FirstOrDefault() : null;

    public static Fact<string>? Country(IReadOnlyList<ParsedPage> pages, Fact<IReadOnlyList<ContactPoint>>? contacts)
    {
        var votes = new Dictionary<string, (double Weight, double Best, List<Evidence> Evidence)>(StringComparer.Ordinal);
        void Vote(string? country, double weight, Evidence evidence)
        {
            if (country is null) return;
            var current = votes.GetValueOrDefault(country, (0, 0, []));
            if (current.Evidence.Count < 4) current.Evidence.Add(evidence);
            votes[country] = (current.Weight + weight, Math.Max(current.Best, weight), current.Evidence);
        }
        foreach (var page in pages)
            foreach (var node in page.JsonLd.Where(JsonLd.IsOrganization))
            {
                var address = JsonLd.Values(node, "address").FirstOrDefault();
                if (address.ValueKind == JsonValueKind.Object)
                    Vote(CountryCode(JsonLd.String(address, "addressCountry")), 2.0, page.Evidence(address.GetRawText()));
            }
        foreach (var phone in contacts?.Value.Where(c => c.Kind == "phone") ?? [])
            Vote(CountryOfPhone(phone.Value), 0.6, new Evidence(pages[0].Url.AbsoluteUri, $"phone {phone.Value}"));
        foreach (var page in pages.Where(p => p.Category is "Contact" or "Legal" or "About" or "Home"))
        {
            foreach (Match match in CountryWord().Matches(page.Text))
            {
                if (!CountryNames.TryGetValue(match.Value, out var code)) continue;
                var weight = page.Category is "Contact" or "Legal" ? 0.5 : 0.25;
                Vote(code, weight, page.Evidence(page.Text, match.Index, match.Length));
            }
        }
        var tld = pages.Count > 0 ? pages[0].Url.Host.Split('.')[^1] : "";
        if (!GenericTlds.Contains(tld)) Vote(CountryCode(tld), 0.5, new Evidence(pages[0].Url.AbsoluteUri, $"domain .{tld}"));
        foreach (var page in pages.Take(1))
            if (page.HtmlLang is { } lang && lang.Split('-', '_') is [_, var region] && region.Length == 2)
                Vote(CountryCode(region), lang.Equals("en-US", StringComparison.OrdinalIgnoreCase) ? 0.2 : 0.35, new Evidence(page.Url.AbsoluteUri, $"<html lang=\"{lang}\">"));
        if (votes.Count == 0) return null;
        var best = votes.OrderByDescending(v => v.Value.Weight).ThenBy(v => v.Key, StringComparer.Ordinal).First();
        var confidence = Math.Round(Math.Min(0.95, best.Value.Best + 0.05 * (best.Value.Evidence.Count - 1)), 2);
        return new Fact<string>(best.Key, confidence, best.Value.Evidence);
    }

    // ---- languages ----

    /// <summary>Meta keys that declare the language of a page, after <c>&lt;html lang&gt;</c>.</summary>
    public static readonly string[] LanguageMetaKeys = ["content-language", "language", "og:locale", "dc.language", "dc:language"];

    // Confidence per kind of evidence, from corpus-web (docs/benchmarks.md): a declared language was right on 112 of 112 pages;
    // the text detector alone, when it answers, on 99 of 103 (long article texts: a company homepage has less text).
    public const double DeclaredLanguageConfidence = 0.97;
    public const double DetectedLanguageConfidence = 0.85;
    public const double AlternateLanguageConfidence = 0.85;

    /// <summary>
    /// The site's languages, the first being the homepage's own: each page's declared language (<c>&lt;html lang&gt;</c>,
    /// <c>content-language</c>, <c>og:locale</c>), else the language its text is written in; then the languages of its
    /// <c>hreflang</c> alternates. The confidence is that of the first language.
    /// </summary>
    public static Fact<IReadOnlyList<string>>? Languages(IReadOnlyList<ParsedPage> pages)
    {
        var found = new List<string>();
        var evidence = new List<Evidence>();
        var confidence = 0.0;
        void Add(string? tag, Evidence where, double sure)
        {
            var primary = tag?.Split('-', '_', ',', ';')[0].Trim().ToLowerInvariant();
            if (primary is not { Length: 2 } || !primary.All(char.IsAsciiLetterLower) || found.Contains(primary)) return;
            if (found.Count == 0) confidence = sure;
            found.Add(primary);
            evidence.Add(where);
        }
        foreach (var page in pages)
        {
            if (page.HtmlLang is { Length: > 1 } lang) Add(lang, new Evidence(page.Url.AbsoluteUri, $"<html lang=\"{lang}\">"), DeclaredLanguageConfidence);
            else if (LanguageMetaKeys.FirstOrDefault(page.Meta.ContainsKey) is { } key) Add(page.Meta[key], new Evidence(page.Url.AbsoluteUri, $"{key}: {page.Meta[key]}"), DeclaredLanguageConfidence);
            else if (LanguageDetector.Detect(page.Text) is { } detected) Add(detected, new Evidence(page.Url.AbsoluteUri, $"text in {detected}: {ParsedPage.Snippet(page.Text, 0, 0, 120)}"), DetectedLanguageConfidence);
        }
        foreach (var page in pages)
            foreach (var (lang, url) in page.Alternates.Where(a => !a.Lang.Equals("x-default", StringComparison.OrdinalIgnoreCase)))
                Add(lang, new Evidence(page.Url.AbsoluteUri, $"<link rel=\"alternate\" hreflang=\"{lang}\" href=\"{url}\">"), AlternateLanguageConfidence);
        return found.Count == 0 ? null : new Fact<IReadOnlyList<string>>(found, confidence, evidence);
    }

    [GeneratedRegex(@"[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<user>[a-z0-9][a-z0-9._%+-]*)\s*(?:\[at\]|\(at\)|\{at\}|\s+at\s+|\[ät\]|\(ät\))\s*(?<domain>[a-z0-9-]+(?:\s*(?:\[dot\]|\(dot\)|\{dot\}|\.|\s+dot\s+)\s*[a-z0-9-]+)*\s*(?:\[dot\]|\(dot\)|\{dot\}|\.|\s+dot\s+)\s*[a-z]{2,})", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex ObfuscatedEmail();

    [GeneratedRegex(@"\s*(?:\[dot\]|\(dot\)|\{dot\}|\s+dot\s+)\s*", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex DotWord();

    [GeneratedRegex(@"\b(?:tel(?:efoon|efono|efon|éfono|ephone)?|tél(?:éphone)?|téléphone|phone|fon|t\.|call us|call|bel ons)[\s.:]*(?<number>\+?\(?\d[\d ()./-]{6,20}\d)", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex Phone();

    [GeneratedRegex(@"\b(?:united states of america|united states|united kingdom|great britain|germany|deutschland|france|spain|españa|italy|italia|switzerland|schweiz|suisse|svizzera|austria|österreich|netherlands|nederland|belgium|belgique|ireland|portugal|poland|usa|u\.s\.a\.)\b", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex CountryWord();
}
