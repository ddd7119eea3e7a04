using System.Text;

namespace Monolith.BuildingBlocks.Web.Fetching;

/// <summary>
/// A parsed robots.txt (RFC 9309). Groups start with one or more <c>user-agent</c> lines; a crawler obeys the rules of
/// every group naming its product token (case-insensitive), else of the <c>*</c> groups. The longest matching
/// <c>allow</c>/<c>disallow</c> pattern wins, <c>allow</c> on a tie; <c>*</c> matches any characters and a trailing
/// <c>$</c> anchors the end. <c>/robots.txt</c> itself is always allowed. <c>sitemap</c> lines are collected
/// independently of groups. Only the first 500 KiB are parsed, as the RFC allows. Pure and immutable.
/// </summary>
public sealed class RobotsTxt
{
    /// <summary>Content beyond this many characters is ignored (RFC 9309 §2.5: at least 500 KiB must be parsed).</summary>
    public const int MaxParsedLength = 500 * 1024;

    private readonly List<Group> _groups;
    private readonly bool _disallowAll;

    private RobotsTxt(List<Group> groups, IReadOnlyList<string> sitemaps, bool disallowAll)
    {
        _groups = groups;
        Sitemaps = sitemaps;
        _disallowAll = disallowAll;
    }

    /// <summary>No robots.txt (4xx): everything may be fetched.</summary>
    public static RobotsTxt AllowAll { get; } = new([], [], disallowAll: false);

    /// <summary>robots.txt unreachable (5xx, network error): nothing may be fetched (RFC 9309 §2.3.1.4).</summary>
    public static RobotsTxt DisallowAll { get; } = new([], [], disallowAll: true);

    /// <summary>The <c>Sitemap:</c> URLs as written (absolute per the RFC; resolve them against the site to be lenient).</summary>
    public IReadOnlyList<string> Sitemaps { get; }

    public static RobotsTxt Parse(string? content)
    {
        var groups = new List<Group>();
        var sitemaps = new List<string>();
        if (string.IsNullOrEmpty(content)) return new RobotsTxt(groups, sitemaps, disallowAll: false);

        var text = content.Length > MaxParsedLength ? content[..MaxParsedLength] : content;
        Group? current = null;
        var lastWasAgent = false;
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            var line = rawLine;
            var hash = line.IndexOf('#');
            if (hash >= 0) line = line[..hash];
            line = line.Trim().TrimStart('\uFEFF');
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var key = line[..colon].Trim().ToString().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim().ToString();

            switch (key)
            {
                case "user-agent" or "useragent" or "user agent":
                    if (current is null || !lastWasAgent)
                    {
                        current = new Group();
                        groups.Add(current);
                    }
                    current.Agents.Add(AgentToken(value));
                    lastWasAgent = true;
                    break;
                case "allow" or "disallow" or "dissallow" or "dissalow" or "disalow" or "disallaw":
                    lastWasAgent = false;
                    if (current is null || value.Length == 0) break; // rules before any group, or empty patterns, match nothing
                    current.Rules.Add(new Rule(key == "allow", NormalizePattern(value)));
                    break;
                case "sitemap" or "site-map":
                    if (value.Length > 0) sitemaps.Add(value);
                    break;
                default:
                    // Unknown keys (crawl-delay, host, …) neither end nor start a group.
                    break;
            }
        }
        return new RobotsTxt(groups, sitemaps, disallowAll: false);
    }

    /// <summary>May a crawler named <paramref name="productToken"/> fetch <paramref name="url"/>?</summary>
    public bool IsAllowed(string productToken, Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return IsAllowed(productToken, url.IsAbsoluteUri ? url.PathAndQuery : url.OriginalString);
    }

    /// <summary>May a crawler named <paramref name="productToken"/> fetch <paramref name="pathAndQuery"/> (e.g. "/a/b?c=d")?</summary>
    public bool IsAllowed(string productToken, string pathAndQuery)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(productToken);
        var path = string.IsNullOrEmpty(pathAndQuery) ? "/" : NormalizePattern(pathAndQuery);
        if (path.Equals("/robots.txt", StringComparison.Ordinal)) return true;
        if (_disallowAll) return false;

        var token = AgentToken(productToken);
        var rules = RulesFor(token);
        Rule? best = null;
        foreach (var rule in rules)
        {
            if (!Matches(path, rule.Pattern)) continue;
            if (best is null || rule.Pattern.Length > best.Pattern.Length || (rule.Pattern.Length == best.Pattern.Length && rule.Allow))
                best = rule;
        }
        return best?.Allow ?? true;
    }

    private IEnumerable<Rule> RulesFor(string token)
    {
        var named = _groups.Where(g => g.Agents.Any(a => a.Equals(token, StringComparison.OrdinalIgnoreCase))).ToList();
        var chosen = named.Count > 0 ? named : _groups.Where(g => g.Agents.Contains("*", StringComparer.Ordinal)).ToList();
        return chosen.SelectMany(g => g.Rules);
    }

    /// <summary>Pattern match per RFC 9309 §2.2.2: prefix match, <c>*</c> = any sequence, trailing <c>$</c> = end of path.</summary>
    internal static bool Matches(string path, string pattern)
    {
        var anchored = pattern.EndsWith('$');
        var p = anchored ? pattern.AsSpan(0, pattern.Length - 1) : pattern.AsSpan();
        int pi = 0, si = 0, star = -1, mark = 0;
        while (true)
        {
            if (pi == p.Length && !anchored) return true;
            if (si == path.Length) break;
            if (pi < p.Length && p[pi] == '*')
            {
                star = pi++;
                mark = si;
            }
            else if (pi < p.Length && p[pi] == path[si])
            {
                pi++;
                si++;
            }
            else if (star >= 0)
            {
                pi = star + 1;
                si = ++mark;
            }
            else
            {
                return false;
            }
        }
        while (pi < p.Length && p[pi] == '*') pi++;
        return pi == p.Length;
    }

    /// <summary>
    /// Percent-encodes non-ASCII characters as UTF-8 and upper-cases existing %xx escapes, so "/ä", "/%c3%a4" and
    /// "/%C3%A4" compare equal (RFC 9309 §2.2.2).
    /// </summary>
    internal static string NormalizePattern(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%' && i + 2 < value.Length && Uri.IsHexDigit(value[i + 1]) && Uri.IsHexDigit(value[i + 2]))
            {
                builder.Append('%').Append(char.ToUpperInvariant(value[i + 1])).Append(char.ToUpperInvariant(value[i + 2]));
                i += 2;
            }
            else if (c < 0x80)
            {
                builder.Append(c);
            }
            else
            {
                var length = char.IsSurrogatePair(value, i)
                    ? Encoding.UTF8.GetBytes(value.AsSpan(i++, 2), utf8)
                    : Encoding.UTF8.GetBytes(value.AsSpan(i, 1), utf8);
                foreach (var b in utf8[..length]) builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    /// <summary>"MonolithBot/1.0 (+url)" → "MonolithBot".</summary>
    private static string AgentToken(string value)
    {
        var token = value.Trim();
        var end = token.IndexOfAny([' ', '/', '\t']);
        return end > 0 ? token[..end] : token;
    }

    private sealed class Group
    {
        public List<string> Agents { get; } = [];
        public List<Rule> Rules { get; } = [];
    }

    private sealed record Rule(bool Allow, string Pattern);
}
