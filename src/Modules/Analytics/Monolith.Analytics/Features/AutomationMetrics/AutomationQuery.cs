using System.Globalization;

namespace Monolith.Analytics.Features.AutomationMetrics;

/// <summary>
/// The window of <c>GET /api/analytics/automation</c>: <c>range</c> (24h, 7d, 30d, ending with the current slot) or
/// <c>from</c>/<c>to</c> (ISO 8601, UTC if no offset; <c>to</c> defaults to now, <c>from</c> to 24 h before <c>to</c>).
/// Without either the last 24 h. Granularity defaults to hour for windows up to 48 h, else day.
/// </summary>
public sealed record AutomationQuery(DateTimeOffset From, DateTimeOffset To, Granularity Granularity, string? Department,
    string? DocumentType)
{
    public const int MaxPoints = 1000;

    private static readonly Dictionary<string, TimeSpan> Ranges = new(StringComparer.OrdinalIgnoreCase)
    {
        ["24h"] = TimeSpan.FromHours(24), ["7d"] = TimeSpan.FromDays(7), ["30d"] = TimeSpan.FromDays(30),
    };

    public static bool TryCreate(string? from, string? to, string? department, string? documentType, string? granularity,
        string? range, DateTimeOffset now, out AutomationQuery query, out Dictionary<string, string[]> errors)
    {
        errors = [];
        query = new AutomationQuery(now, now, Granularity.Hour, null, null);

        Granularity? grain = null;
        if (!string.IsNullOrWhiteSpace(granularity))
        {
            if (string.Equals(granularity, "hour", StringComparison.OrdinalIgnoreCase)) grain = Granularity.Hour;
            else if (string.Equals(granularity, "day", StringComparison.OrdinalIgnoreCase)) grain = Granularity.Day;
            else errors["granularity"] = ["granularity must be 'hour' or 'day'."];
        }

        TimeSpan? span = null;
        if (!string.IsNullOrWhiteSpace(range))
        {
            if (Ranges.TryGetValue(range.Trim(), out var r)) span = r;
            else errors["range"] = ["range must be one of 24h, 7d, 30d."];
            if (!string.IsNullOrWhiteSpace(from) || !string.IsNullOrWhiteSpace(to))
                errors["range"] = ["Use either range or from/to, not both."];
        }

        var start = ParseDate(from, "from", errors);
        var end = ParseDate(to, "to", errors);
        if (errors.Count > 0) return false;

        DateTimeOffset windowFrom, windowTo;
        Granularity g;
        if (start is null && end is null)
        {
            var length = span ?? TimeSpan.FromHours(24);
            g = grain ?? (length <= TimeSpan.FromHours(48) ? Granularity.Hour : Granularity.Day);
            windowTo = AutomationSeries.SlotStart(now, g) + AutomationSeries.Step(g);
            windowFrom = AutomationSeries.SlotStart(windowTo - length, g);
        }
        else
        {
            windowTo = end ?? now;
            windowFrom = start ?? windowTo - TimeSpan.FromHours(24);
            if (windowFrom >= windowTo)
            {
                errors["from"] = ["from must be before to."];
                return false;
            }
            g = grain ?? (windowTo - windowFrom <= TimeSpan.FromHours(48) ? Granularity.Hour : Granularity.Day);
            windowFrom = AutomationSeries.SlotStart(windowFrom, g);
        }

        if ((windowTo - windowFrom) / AutomationSeries.Step(g) > MaxPoints)
        {
            errors[g == Granularity.Hour ? "granularity" : "from"] =
                [$"The window has more than {MaxPoints} points; use granularity=day or a shorter window."];
            return false;
        }

        query = new AutomationQuery(windowFrom, windowTo, g, Blank(department), Blank(documentType));
        return true;
    }

    private const int MinYear = 1900;
    private const int MaxYear = 9000;

    private static DateTimeOffset? ParseDate(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            // Window arithmetic (slots, the default 24 h before 'to') must not run past DateTimeOffset's range.
            if (parsed.Year is >= MinYear and <= MaxYear) return parsed;
            errors[name] = [$"{name} must be between the years {MinYear} and {MaxYear}."];
            return null;
        }
        errors[name] = [$"{name} must be an ISO 8601 date or date-time, e.g. 2026-11-23T10:00:00Z."];
        return null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The whole UTC days of a daily window, which <see cref="AutomationDayBucket"/>s answer: from its start to the
    /// start of the day holding <see cref="To"/>. Empty (both <see cref="To"/>) for an hourly series.</summary>
    public (DateTimeOffset From, DateTimeOffset To) WholeDays =>
        Granularity == Granularity.Day && AutomationDayBucket.DayOf(To) > From ? (From, AutomationDayBucket.DayOf(To)) : (To, To);

    public bool Matches(AutomationBucket bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        return (Department is null || string.Equals(bucket.Department, Department, StringComparison.OrdinalIgnoreCase))
            && (DocumentType is null || string.Equals(bucket.DocumentType, DocumentType, StringComparison.OrdinalIgnoreCase)
                && bucket.DocumentType != DocumentOutcomes.ReceivedType);
    }
}
