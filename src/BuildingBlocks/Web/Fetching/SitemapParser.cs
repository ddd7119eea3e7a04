using System.Globalization;
using System.Xml;

namespace Monolith.BuildingBlocks.Web.Fetching;

public enum SitemapKind
{
    Unknown,
    UrlSet,
    Index,
}

/// <summary>A page (in a urlset) or a child sitemap (in a sitemapindex).</summary>
public sealed record SitemapEntry(Uri Location, DateTimeOffset? LastModified);

/// <summary>What one sitemap file held; <see cref="Error"/> is set when the XML was refused or broken (entries read before stay).</summary>
public sealed record SitemapDocument(SitemapKind Kind, IReadOnlyList<SitemapEntry> Entries, bool Truncated, string? Error);

/// <summary>
/// Reads sitemaps.org <c>urlset</c> and <c>sitemapindex</c> files: namespace-agnostic, absolute http(s) <c>loc</c>s only,
/// at most <c>maxEntries</c>. XXE-safe: DTDs are refused, no resolver, no entity expansion.
/// </summary>
public static class SitemapParser
{
    public static SitemapDocument Parse(string xml, int maxEntries)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEntries);
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            CloseInput = true,
        };
        var kind = SitemapKind.Unknown;
        var entries = new List<SitemapEntry>();
        string? loc = null, lastmod = null, field = null;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element when reader.Depth == 0:
                        kind = reader.LocalName switch
                        {
                            "urlset" => SitemapKind.UrlSet,
                            "sitemapindex" => SitemapKind.Index,
                            _ => SitemapKind.Unknown,
                        };
                        if (kind == SitemapKind.Unknown)
                            return new SitemapDocument(kind, entries, false, $"not a sitemap (root <{reader.LocalName}>)");
                        break;
                    case XmlNodeType.Element when reader.Depth == 1:
                        loc = lastmod = field = null;
                        break;
                    case XmlNodeType.Element when reader.Depth == 2:
                        field = reader.IsEmptyElement ? null : reader.LocalName;
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA when reader.Depth == 3:
                        if (field == "loc") loc += reader.Value;
                        else if (field == "lastmod") lastmod += reader.Value;
                        break;
                    case XmlNodeType.EndElement when reader.Depth == 2:
                        field = null;
                        break;
                    case XmlNodeType.EndElement when reader.Depth == 1:
                        Flush();
                        break;
                    default:
                        break;
                }
                if (entries.Count >= maxEntries) return new SitemapDocument(kind, entries, true, null);
            }
        }
        catch (XmlException e)
        {
            return new SitemapDocument(kind, entries, false, $"invalid-xml: {e.Message}");
        }
        return new SitemapDocument(kind, entries, false, null);

        void Flush()
        {
            if (loc is not null && Uri.TryCreate(loc.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                entries.Add(new SitemapEntry(uri, ParseDate(lastmod)));
            loc = lastmod = null;
        }
    }

    /// <summary>W3C datetime: "2024-05-01", "2024-05-01T10:00:00+02:00", …; null when absent or unreadable.</summary>
    private static DateTimeOffset? ParseDate(string? value) =>
        DateTimeOffset.TryParse(value?.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;
}
