using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Monolith.Companies;
using Monolith.Companies.Contracts;

namespace Monolith.Companies.Heuristic;

/// <summary>A headcount stated on a page: the range it implies and how sure the wording is.</summary>
public sealed record EmployeeMention(int Low, int High, int Estimate, double Confidence, string Method, Evidence Evidence);

/// <summary>Headcount from schema.org <c>numberOfEmployees</c>, stated phrases in five languages, or careers signals.</summary>
public static partial class EmployeeRules
{
    public static EmployeeMention? FromJsonLd(ParsedPage page)
    {
        foreach (var node in page.JsonLd.Where(JsonLd.IsOrganization))
        {
            if (!node.TryGetProperty("numberOfEmployees", out var value)) continue;
            var evidence = new Evidence(page.Url.AbsoluteUri, ParsedPage.Snippet($"numberOfEmployees: {value.GetRawText()}", 0, 0));
            if (Number(value) is { } exact) return new EmployeeMention(exact, exact, exact, 0.95, "schema.org", evidence);
            if (value.ValueKind != JsonValueKind.Object) continue;
            var v = value.TryGetProperty("value", out var vv) ? Number(vv) : null;
            var min = value.TryGetProperty("minValue", out var mn) ? Number(mn) : null;
            var max = value.TryGetProperty("maxValue", out var mx) ? Number(mx) : null;
            if (v is { } point) return new EmployeeMention(Math.Min(min ?? point, point), Math.Max(max ?? point, point), point, 0.95, "schema.org", evidence);
            if (min is not null || max is not null)
            {
                var low = min ?? Math.Max(1, max!.Value / 2);
                var high = max ?? (int)Math.Min(int.MaxValue, low * 2L);
                if (low > high) (low, high) = (high, low);
                return new EmployeeMention(low, high, Middle(low, high), 0.9, "schema.org", evidence);
            }
        }
        return null;
    }

    private static int? Number(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt32(out var n) && n > 0 => n,
        JsonValueKind.String => ParseNumber(value.GetString()),
        _ => null,
    };

    /// <summary>"1.200", "1,200", "1 200", "1200" → 1200.</summary>
    public static int? ParseNumber(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        return digits.Length is > 0 and < 8 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
    }

    private static int Middle(int low, int high) => (int)Math.Round(Math.Sqrt((double)low * high));

    /// <summary>Every headcount phrase in a page's text ("team of 40", "über 200 Mitarbeiter", "51-200 employees", ...).</summary>
    public static IReadOnlyList<EmployeeMention> FromText(ParsedPage page)
    {
        var found = new List<EmployeeMention>();
        var sure = page.Category is "About" or "Home" or "Careers" or "Legal" ? 0.75 : 0.65;
        var customers = CustomerSizeRules.CustomerHeadcounts(page.Text);
        foreach (Match match in Range().Matches(page.Text))
        {
            if (CustomerSizeRules.IsAboutCustomers(customers, match.Index)) continue; // "for companies with 50-500 employees" is whom it sells to
            if (ParseNumber(match.Groups["low"].Value) is not { } low || ParseNumber(match.Groups["high"].Value) is not { } high || high < low) continue;
            found.Add(new EmployeeMention(low, high, Middle(low, high), sure, "stated-range", page.Evidence(page.Text, match.Index, match.Length)));
        }
        foreach (Match match in Phrase().Matches(page.Text))
        {
            if (found.Any(f => f.Evidence.Snippet.Contains(match.Value, StringComparison.Ordinal))) continue;
            if (CustomerSizeRules.IsAboutCustomers(customers, match.Index)) continue;
            if (ParseNumber(match.Groups["n"].Value) is not { } n || n > 500_000) continue;
            var qualifier = match.Groups["q"].Value.ToLowerInvariant();
            var plus = match.Groups["plus"].Success && match.Groups["plus"].Value.Length > 0;
            var (low, high) = qualifier switch
            {
                _ when plus || IsAtLeast(qualifier) => (n, (int)(n * 1.5)),
                _ when IsAbout(qualifier) => ((int)(n * 0.8), (int)Math.Ceiling(n * 1.2)),
                _ => ((int)Math.Floor(n * 0.9), (int)Math.Ceiling(n * 1.1)),
            };
            var estimate = plus || IsAtLeast(qualifier) ? (int)Math.Round(n * 1.15) : n;
            found.Add(new EmployeeMention(Math.Max(1, low), Math.Max(1, high), estimate, sure, "stated", page.Evidence(page.Text, match.Index, match.Length)));
        }
        return found;
    }

    private static bool IsAtLeast(string qualifier) => qualifier is "over" or "more than" or "über" or "mehr als" or "plus de" or "más de" or "oltre" or "più di" or "meer dan" or "ruim";

    private static bool IsAbout(string qualifier) => qualifier is "around" or "about" or "approximately" or "nearly" or "almost" or "some" or "rund" or "ca." or "circa" or "etwa" or "knapp" or "environ" or "près de" or "alrededor de" or "cerca de" or "unos" or "circa" or "quasi" or "ongeveer";

    /// <summary>Open positions on careers pages and office locations: weak signals of size.</summary>
    public static EmployeeMention? FromCareers(IReadOnlyList<ParsedPage> pages)
    {
        var careers = pages.Where(p => p.Category == "Careers").ToList();
        var jobs = careers.SelectMany(p => p.Headings.Concat(p.Paragraphs.Select(t => (Level: 9, Text: t)))
            .Where(h => JobTitle().IsMatch(h.Text) && h.Text.Length < 120).Select(h => (Page: p, h.Text))).DistinctBy(j => j.Text).ToList();
        if (jobs.Count == 0) return null;
        var low = Math.Max(10, jobs.Count * 5);
        var high = Math.Max(50, jobs.Count * 60);
        var first = jobs[0];
        return new EmployeeMention(low, high, Middle(low, high), 0.25, "careers-signals",
            new Evidence(first.Page.Url.AbsoluteUri, ParsedPage.Snippet($"{jobs.Count} open positions, e.g. {first.Text}", 0, 0)));
    }

    /// <summary>A wide default by sector when the site says nothing about its size.</summary>
    public static EmployeeEstimate Default(IndustryCode? industry, string url)
    {
        var (low, high, estimate) = industry?.Code switch
        {
            "72" => (10, 500, 60),
            "62" => (5, 500, 40),
            "31-33" => (10, 1000, 80),
            "48-49" => (10, 1000, 70),
            "56" => (10, 1000, 60),
            "51" => (5, 500, 40),
            "54" => (2, 250, 20),
            _ => (2, 500, 25),
        };
        return new EmployeeEstimate(low, high, estimate, 0.1, "default",
            [new Evidence(url, $"no headcount on the site; default for sector {industry?.Code ?? "unknown"}")]);
    }

    public static EmployeeEstimate Estimate(IReadOnlyList<ParsedPage> pages, IndustryCode? industry)
    {
        foreach (var page in pages)
            if (FromJsonLd(page) is { } declared) return declared.ToEstimate();
        var stated = pages.SelectMany(FromText).ToList();
        if (stated.Count > 0)
        {
            var best = stated.OrderByDescending(m => m.Method == "stated-range" ? 0 : 1)
                .ThenByDescending(m => m.Confidence).ThenByDescending(m => m.Estimate).First();
            return best.ToEstimate(stated.Where(s => s != best).Select(s => s.Evidence).Take(3));
        }
        if (FromCareers(pages) is { } signals) return signals.ToEstimate();
        return Default(industry, pages.Count > 0 ? pages[0].Url.AbsoluteUri : "");
    }

    private static EmployeeEstimate ToEstimate(this EmployeeMention mention, IEnumerable<Evidence>? more = null) =>
        new(mention.Low, mention.High, Math.Clamp(mention.Estimate, mention.Low, mention.High), mention.Confidence, mention.Method, [mention.Evidence, .. more ?? []]);

    private const string Employees =
        @"(?:employees|staff|people|team members|professionals|colleagues|experts|specialists|engineers" +
        @"|mitarbeiter(?:innen)?|mitarbeitende[n]?|beschäftigte[n]?|angestellte[n]?|kolleg(?:inn)?en|fachkräfte[n]?" +
        @"|collaborateurs|salariés|employés" +
        @"|empleados|trabajadores|profesionales|colaboradores" +
        @"|dipendenti|collaboratori|medewerkers)";

    [GeneratedRegex(@"(?<low>\d{1,3}(?:[.,  ]\d{3})*)\s*(?:-|–|to|bis|à|a)\s*(?<high>\d{1,3}(?:[.,  ]\d{3})*)\s+" + Employees + @"\b", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex Range();

    [GeneratedRegex(@"(?:(?<q>team of|over|more than|around|about|approximately|nearly|almost|some|über|mehr als|rund|ca\.|circa|etwa|knapp|plus de|environ|près de|más de|alrededor de|cerca de|unos|oltre|più di|quasi|meer dan|ruim|ongeveer)\s+)?(?<n>\d{1,3}(?:[.,  ]\d{3})+|\d{1,6})(?<plus>\+?)\s+(?:(?:engagierte[n]?|qualifizierte[n]?|motivierte[n]?|dedicated|skilled|talented|experienced|full-time|passionate|engagés|cualificados|qualificati|erfahrene[n]?)\s+)?" + Employees + @"\b", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex Phrase();

    [GeneratedRegex(@"\((?:m/w/d|w/m/d|m/f/d|f/m/d|h/f|f/h|m/f|h/m)\)|\b(?:engineer|developer|manager|specialist|technician|driver|consultant|analyst|coordinator|disponent|fahrer|ingenieur|entwickler|berater|kaufmann|kauffrau|ingénieur|développeur|chef de projet|técnico|ingeniero|conductor|responsable)\b", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex JobTitle();
}
