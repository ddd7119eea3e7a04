using Monolith.Companies.Contracts;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Monolith.Companies.Heuristic;

/// <summary>A name a site gives itself in one place (<see cref="Source"/>), and how much that place is trusted.</summary>
public sealed record NameCandidate(string Name, string Source, double Weight, Evidence Evidence);

/// <summary>
/// The company or publisher name by agreement rather than by the first place that names one. Every place a site names
/// itself (JSON-LD organisation, publisher and web site, <c>og:site_name</c>, <c>application-name</c>, title segments, logo
/// alt text, the copyright line, the Twitter handle) proposes a name; a proposal scores the weight of every source that
/// agrees with it (same letters and digits once case, accents, legal form and a domain ending are set aside: full weight;
/// its words inside the other's: half) plus the weight of the domain when the host spells it. The best proposal wins,
/// written as its most trusted source writes it.
/// </summary>
public static partial class CompanyNameRules
{
    // Weights of the sources: a structured, site-wide statement counts more than a title segment, which may be a headline.
    public const double JsonLdOrganizationWeight = 2.5;
    public const double JsonLdPublisherWeight = 2.5;
    public const double JsonLdWebSiteWeight = 2.0;
    public const double SiteNameWeight = 3.0;
    public const double ApplicationNameWeight = 2.0;
    public const double SharedTitlePartWeight = 2.5;
    public const double TitleSegmentWeight = 1.0;
    public const double WholeTitleWeight = 0.75;
    public const double LogoAltWeight = 1.0;
    public const double CopyrightWeight = 1.5;
    public const double HandleWeight = 0.75;

    /// <summary>Support a proposal gets when the host name spells it (<c>acme-dental.com</c> for "Acme Dental").</summary>
    public const double DomainWeight = 1.5;

    /// <summary>Agreement of two names when one's words are a run of the other's ("Google" and "Google Docs").</summary>
    public const double PartialAgreement = 0.5;

    /// <summary>How much of the longer of host label and name the shorter must be to spell it by its beginning.</summary>
    public const double MinDomainPrefixShare = 0.4;

    /// <summary>Longest text taken as a name (longer is a sentence or a headline).</summary>
    public const int MaxNameChars = 60;

    /// <summary>Confidence of a name read from the host alone.</summary>
    public const double DomainOnlyConfidence = 0.4;

    /// <summary>
    /// Confidence by the winning score: the share of right names (relaxed) at that score on corpus-web (docs/benchmarks.md):
    /// 6 and more 59/60, 4–6 28/30, 3–4 11/12, 2–3 8/8 (few: kept below the higher bands), under 2 too few to measure.
    /// </summary>
    private static readonly (double MinScore, double Confidence)[] ConfidenceByScore = [(6.0, 0.97), (4.0, 0.93), (3.0, 0.9), (2.0, 0.85), (0.0, 0.5)];

    private static readonly HashSet<string> GenericNames = new(StringComparer.Ordinal)
    {
        "home", "homepage", "start", "startseite", "accueil", "inicio", "welcome", "willkommen", "bienvenue", "bienvenido", "benvenuto", "welkom",
        "login", "log in", "sign in", "sign up", "register", "search", "menu", "blog", "news", "index", "untitled", "error", "page not found", "not found",
    };

    private static readonly HashSet<string> LegalForms = new(StringComparer.Ordinal)
    {
        "gmbh", "ag", "kg", "ohg", "se", "ug", "inc", "incorporated", "ltd", "limited", "llc", "llp", "plc", "corp", "corporation", "co", "company",
        "sa", "sas", "sarl", "srl", "spa", "sl", "bv", "nv", "oy", "ab", "as", "aps", "pty", "the",
    };

    private static readonly HashSet<string> HostPrefixes = new(StringComparer.Ordinal) { "www", "www2", "m", "mobile", "amp", "en", "de", "fr", "es", "it", "nl", "blog", "shop" };

    private static readonly HashSet<string> SecondLevelSuffixes = new(StringComparer.Ordinal) { "co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "gv" };

    /// <summary>
    /// The name the sources agree on most. When nothing but an unsplit title names the site (as often a headline as a
    /// name) or nothing names it at all, the host's main label, at <see cref="DomainOnlyConfidence"/>; null for an IP address.
    /// </summary>
    public static Fact<string>? CompanyName(IReadOnlyList<ParsedPage> pages)
    {
        if (pages.Count == 0) return null;
        var candidates = Candidates(pages).DistinctBy(c => (c.Source, Compact(c.Name))).ToList();
        var host = pages[0].Url.Host;
        var scored = candidates.GroupBy(c => Compact(c.Name), StringComparer.Ordinal)
            .Select(g => (Key: g.Key, Domain: DomainSpells(g.Key, host) || DomainSpellsInitials(Words(g.First().Name), host), Best: g.Max(c => c.Weight)))
            .Select(k => (k.Key, Score: Score(k.Key, candidates, k.Domain), k.Domain, k.Best))
            .OrderByDescending(s => s.Score).ThenByDescending(s => s.Domain).ThenByDescending(s => s.Best).ThenBy(s => s.Key, StringComparer.Ordinal).ToList();
        if (scored.Count == 0 || scored[0].Score < TitleSegmentWeight)
            return HostLabels(host) is [.., var label] && label.Any(char.IsLetter)
                ? new Fact<string>(char.ToUpperInvariant(label[0]) + label[1..], DomainOnlyConfidence, [new Evidence(pages[0].Url.AbsoluteUri, $"domain {host}; the title says only: {pages[0].Title}")])
                : null;
        var winner = scored[0];
        var agreeing = candidates.Where(c => Agreement(winner.Key, Compact(c.Name)) > 0).OrderByDescending(c => Agreement(winner.Key, Compact(c.Name))).ThenByDescending(c => c.Weight).ToList();
        var written = agreeing.Where(c => Compact(c.Name) == winner.Key).OrderBy(c => LooksLikeDomain(c.Name) || c.Source == "twitter:site" ? 1 : 0).ThenByDescending(c => c.Weight).First();
        var evidence = agreeing.Take(4).Select(c => c.Evidence).ToList();
        if (winner.Domain) evidence.Add(new Evidence(pages[0].Url.AbsoluteUri, $"domain {host}"));
        return new Fact<string>(written.Name, ConfidenceOf(winner.Score), evidence);
    }

    /// <summary>The confidence of a name that scored <paramref name="score"/>.</summary>
    public static double ConfidenceOf(double score) => ConfidenceByScore.First(c => score >= c.MinScore).Confidence;

    /// <summary>What every source agreeing with <paramref name="key"/> weighs, plus the domain when it spells the name.</summary>
    public static double Score(string key, IReadOnlyList<NameCandidate> candidates, bool domainSpellsIt) =>
        candidates.Sum(c => c.Weight * Agreement(key, Compact(c.Name))) + (domainSpellsIt ? DomainWeight : 0);

    /// <summary>Every name the pages propose, with its source and weight.</summary>
    public static IReadOnlyList<NameCandidate> Candidates(IReadOnlyList<ParsedPage> pages)
    {
        var found = new List<NameCandidate>();
        void Add(string? name, string source, double weight, Evidence evidence)
        {
            if (CleanName(name) is { } clean) found.Add(new NameCandidate(clean, source, weight, evidence));
        }
        // A stated name with a tagline ("Acme: cloud backup for accountants") names the site in its first part.
        void AddStated(string? name, string source, double weight, Evidence evidence) =>
            Add(name is null ? null : TitleSegments(name).FirstOrDefault(), source, weight, evidence);
        foreach (var page in pages)
            foreach (var node in page.JsonLd)
            {
                if (JsonLd.IsOrganization(node)) AddStated(JsonLd.String(node, "name"), "json-ld organization", JsonLdOrganizationWeight, page.Evidence(node.GetRawText()));
                if (JsonLd.IsType(node, "WebSite")) AddStated(JsonLd.String(node, "name"), "json-ld website", JsonLdWebSiteWeight, page.Evidence(node.GetRawText()));
                foreach (var publisher in JsonLd.Values(node, "publisher"))
                    AddStated(publisher.ValueKind == JsonValueKind.Object ? JsonLd.String(publisher, "name") : JsonLd.AsString(publisher), "json-ld publisher", JsonLdPublisherWeight, page.Evidence(publisher.GetRawText()));
            }
        var home = pages[0];
        foreach (var (key, weight) in new[] { ("og:site_name", SiteNameWeight), ("application-name", ApplicationNameWeight), ("apple-mobile-web-app-title", ApplicationNameWeight), ("twitter:site", HandleWeight) })
            if (home.Meta.TryGetValue(key, out var value)) AddStated(value.TrimStart('@'), key, weight, new Evidence(home.Url.AbsoluteUri, $"{key}: {value}"));
        var titleEvidence = new Evidence(home.Url.AbsoluteUri, $"<title>{home.Title}</title>");
        if (pages.Count > 1)
            foreach (var part in SharedTitleParts(pages)) Add(part, "title shared by pages", SharedTitlePartWeight, titleEvidence);
        var segments = TitleSegments(home.Title);
        foreach (var segment in segments) Add(segment, "title", segments.Count > 1 ? TitleSegmentWeight : WholeTitleWeight, titleEvidence);
        foreach (var image in home.Images.Where(ProfileRules.IsLogo).Take(3))
            AddStated(LogoAltName(image.Alt), "logo alt", LogoAltWeight, new Evidence(home.Url.AbsoluteUri, $"<img alt=\"{image.Alt}\" src=\"{image.Src}\">"));
        foreach (var page in pages)
            if (Copyright().Matches(page.Text).LastOrDefault() is { } match)
                Add(match.Groups["name"].Value, "copyright", CopyrightWeight, page.Evidence(page.Text, match.Index, match.Length));
        return found;
    }

    /// <summary>A title's parts between separators (<c>|</c>, <c>·</c>, <c>»</c> anywhere; spaced dashes, colons and slashes).</summary>
    public static IReadOnlyList<string> TitleSegments(string title) =>
        TitleSeparator().Split(title).Select(s => s.Trim()).Where(s => s.Length > 0).ToList();

    /// <summary>Title parts found on more than one page (the brand a site repeats in every title).</summary>
    private static IEnumerable<string> SharedTitleParts(IReadOnlyList<ParsedPage> pages) =>
        pages.SelectMany(p => TitleSegments(p.Title).Distinct(StringComparer.Ordinal)).GroupBy(p => p, StringComparer.Ordinal)
            .Where(g => g.Count() > 1).Select(g => g.Key);

    /// <summary>The name in a logo's alt text: "Logo of Acme", "Acme logo", "Acme – home" give "Acme".</summary>
    public static string LogoAltName(string alt) => LogoWords().Replace(alt, " ").Trim(' ', '-', '|', ':', '–', '—', '·');

    /// <summary>A candidate name tidied (spaces, a trailing year, "by"); null when it cannot be a name.</summary>
    public static string? CleanName(string? name)
    {
        var clean = ParsedPage.Clean(name);
        clean = TrailingYear().Replace(clean, "").Trim(' ', ',', '-', '|', ':', '.');
        if (clean.StartsWith("by ", StringComparison.OrdinalIgnoreCase)) clean = clean[3..].Trim();
        if (clean.Length is < 2 or > MaxNameChars || !clean.Any(char.IsLetter) || clean.Contains("://", StringComparison.Ordinal)) return null;
        return GenericNames.Contains(clean.ToLowerInvariant()) ? null : clean;
    }

    /// <summary>The comparison form of a name: lower-case letters and digits, accents, a leading "the", legal forms and a domain ending removed.</summary>
    public static string Compact(string name) => string.Concat(Words(name));

    /// <summary>The words of a name as compared (see <see cref="Compact"/>).</summary>
    public static IReadOnlyList<string> Words(string name)
    {
        // A lone surrogate (broken page text) makes Normalize throw: runes replace it first.
        var valid = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes()) valid.Append(rune.ToString());
        var text = valid.ToString().Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        if (LooksLikeDomain(text)) text = DomainEnding().Replace(text.StartsWith("www.", StringComparison.Ordinal) ? text[4..] : text, "");
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            builder.Append(char.IsLetterOrDigit(c) ? c : c == '&' ? '&' : ' ');
        }
        var words = builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var kept = words.Where(w => !LegalForms.Contains(w)).ToList();
        return kept.Count > 0 ? kept : words;
    }

    /// <summary>1 when two compared names are the same, <see cref="PartialAgreement"/> when one contains the other (at least 3 characters), else 0.</summary>
    public static double Agreement(string compactA, string compactB)
    {
        if (compactA.Length == 0 || compactB.Length == 0) return 0;
        if (compactA == compactB) return 1;
        var (shorter, longer) = compactA.Length < compactB.Length ? (compactA, compactB) : (compactB, compactA);
        return shorter.Length >= 3 && (longer.StartsWith(shorter, StringComparison.Ordinal) || longer.EndsWith(shorter, StringComparison.Ordinal)) ? PartialAgreement : 0;
    }

    /// <summary>Whether a label of the host spells the name: the same letters, or one beginning the other and most of it (both at least 4 characters: "acmegroup" and "acme").</summary>
    public static bool DomainSpells(string compact, string host)
    {
        if (compact.Length < 2) return false;
        foreach (var label in HostLabels(host))
        {
            if (label == compact) return true;
            var (shorter, longer) = label.Length < compact.Length ? (label, compact) : (compact, label);
            if (shorter.Length >= 4 && shorter.Length >= longer.Length * MinDomainPrefixShare && longer.StartsWith(shorter, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>Whether the host's labels spell the initials of the name's words ("Wall Street Journal" on wsj.com).</summary>
    public static bool DomainSpellsInitials(IReadOnlyList<string> words, string host) =>
        words.Count >= 2 && HostLabels(host).Contains(string.Concat(words.Select(w => w[0])), StringComparer.Ordinal);

    /// <summary>The labels of a host that can name a site: without <c>www</c>-like prefixes and the public suffix (<c>.co.uk</c>, <c>.com</c>).</summary>
    public static IReadOnlyList<string> HostLabels(string host)
    {
        var labels = host.ToLowerInvariant().Split('.', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (labels.Count > 1) labels.RemoveAt(labels.Count - 1);
        if (labels.Count > 1 && SecondLevelSuffixes.Contains(labels[^1])) labels.RemoveAt(labels.Count - 1);
        var named = labels.Where(l => !HostPrefixes.Contains(l)).Select(l => l.Replace("-", "", StringComparison.Ordinal)).ToList();
        return named.Count > 0 ? named : labels;
    }

    private static bool LooksLikeDomain(string name) => !name.Contains(' ', StringComparison.Ordinal) && DomainEnding().IsMatch(name);

    [GeneratedRegex(@"(?:\.(?:co|com|org|net|ac|gov))?\.[a-z]{2,6}$", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex DomainEnding();

    [GeneratedRegex(@"\s*[|·•»«]+\s*|\s+[-–—:/~]+\s+|:\s+", RegexOptions.None, 1000)]
    private static partial Regex TitleSeparator();

    [GeneratedRegex(@"\b(?:(?:the|a)\s+)?(?:logo(?:tipo|type|typ|s)?|home\s*page|homepage|home|startseite|go to|back to|return to|link to)\b(?:\s+(?:of|de|du|von|del|di|van|der|da))?", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex LogoWords();

    [GeneratedRegex(@"\s+\d{4}(?:\s*[-–]\s*\d{4})?$", RegexOptions.None, 1000)]
    private static partial Regex TrailingYear();

    [GeneratedRegex(@"(?:©|\(c\)|copyright\s*(?:©|\(c\)|(?=\d{4})))\s*(?:\d{4}\s*(?:[-–]\s*\d{4})?)?\s*(?<name>[\p{L}][\p{L}\p{N}&.,' -]{1,60}?)(?=\s*(?:[.|·•]|all rights|alle rechte|tous droits|todos los derechos|tutti i diritti|alle rechten|$))", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex Copyright();
}
