using System.Globalization;
using System.Text.RegularExpressions;

namespace Monolith.Documents.Extraction.Local;

/// <summary>How to read an all-numeric date such as <c>03/04/2024</c> when neither part is above 12.</summary>
public enum DateOrder { DayFirst, MonthFirst }

public sealed record DateMatch(DateOnly Value, int Index, int Length, bool Ambiguous);

/// <summary>
/// Dates as printed in English, German, French and Spanish documents: <c>2024-03-12</c>, <c>12.03.2024</c>,
/// <c>12/03/2024</c> (order hint), <c>3 mars 2024</c>, <c>3. März 2024</c>, <c>12 de marzo de 2024</c>,
/// <c>March 3, 2024</c>, <c>03-Mar-2024</c>.
/// </summary>
public static partial class DateParser
{
    private static readonly Dictionary<string, int> Months = BuildMonths();

    public static DateOnly? Parse(string? text, DateOrder order = DateOrder.DayFirst)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var matches = FindAll(text, order);
        return matches.Count > 0 ? matches[0].Value : null;
    }

    /// <summary>All dates in a text, left to right.</summary>
    public static IReadOnlyList<DateMatch> FindAll(string text, DateOrder order = DateOrder.DayFirst)
    {
        var found = new List<DateMatch>();
        var taken = new bool[text.Length];
        void Add(Match m, DateOnly? d, bool ambiguous)
        {
            if (d is null) return;
            for (var i = m.Index; i < m.Index + m.Length; i++) if (taken[i]) return;
            for (var i = m.Index; i < m.Index + m.Length; i++) taken[i] = true;
            found.Add(new DateMatch(d.Value, m.Index, m.Length, ambiguous));
        }

        foreach (Match m in Iso().Matches(text))
            Add(m, Make(Int(m, "y"), Int(m, "m"), Int(m, "d")), false);
        foreach (Match m in DayMonthName().Matches(text))
            Add(m, Make(Year(m), MonthOf(m.Groups["mon"].Value), Int(m, "d")), false);
        foreach (Match m in MonthNameDay().Matches(text))
            Add(m, Make(Year(m), MonthOf(m.Groups["mon"].Value), Int(m, "d")), false);
        foreach (Match m in Numeric().Matches(text))
        {
            int a = Int(m, "a"), b = Int(m, "b"), y = Year(m);
            // A dotted date is day-first everywhere it is used.
            var dayFirst = m.Groups["sep"].Value == "." || a > 12 || (b <= 12 && order == DateOrder.DayFirst);
            if (b > 12) dayFirst = false;
            Add(m, dayFirst ? Make(y, b, a) : Make(y, a, b), a <= 12 && b <= 12 && a != b && m.Groups["sep"].Value != ".");
        }
        found.Sort((x, y) => x.Index.CompareTo(y.Index));
        return found;
    }

    /// <summary>Day-first or month-first for a whole document: unambiguous dates decide, else the currency's habit.</summary>
    public static DateOrder GuessOrder(string text, string? currency)
    {
        int dayFirst = 0, monthFirst = 0;
        foreach (Match m in Numeric().Matches(text))
        {
            if (m.Groups["sep"].Value == ".") continue;
            int a = Int(m, "a"), b = Int(m, "b");
            if (a > 12 && b <= 12) dayFirst++;
            else if (b > 12 && a <= 12) monthFirst++;
        }
        if (dayFirst != monthFirst) return dayFirst > monthFirst ? DateOrder.DayFirst : DateOrder.MonthFirst;
        return currency == "USD" ? DateOrder.MonthFirst : DateOrder.DayFirst;
    }

    private static int Int(Match m, string group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    private static int Year(Match m)
    {
        var y = Int(m, "y");
        return m.Groups["y"].Value.Length == 2 ? (y < 70 ? 2000 + y : 1900 + y) : y;
    }

    private static int MonthOf(string name) =>
        Months.TryGetValue(name.TrimEnd('.').ToLowerInvariant(), out var month) ? month : 0;

    private static DateOnly? Make(int year, int month, int day) =>
        year is >= 1970 and <= 2099 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day) : null;

    private static Dictionary<string, int> BuildMonths()
    {
        var names = new (int Month, string[] Names)[]
        {
            (1, ["january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene"]),
            (2, ["february", "feb", "februar", "février", "fevrier", "févr", "fevr", "febrero"]),
            (3, ["march", "mar", "märz", "maerz", "mär", "mrz", "mars", "marzo"]),
            (4, ["april", "apr", "avril", "avr", "abril", "abr"]),
            (5, ["may", "mai", "mayo"]),
            (6, ["june", "jun", "juni", "juin", "junio"]),
            (7, ["july", "jul", "juli", "juillet", "juil", "julio"]),
            (8, ["august", "aug", "août", "aout", "agosto", "ago"]),
            (9, ["september", "sep", "sept", "septembre", "septiembre", "setiembre"]),
            (10, ["october", "oct", "oktober", "okt", "octobre", "octubre"]),
            (11, ["november", "nov", "novembre", "noviembre"]),
            (12, ["december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dic"]),
        };
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (month, list) in names) foreach (var n in list) map[n] = month;
        return map;
    }

    private const string MonthNames =
        "january|januar|jänner|janvier|janv|jan|enero|ene|february|februar|février|fevrier|févr|fevr|febrero|feb|" +
        "march|märz|maerz|mär|mrz|mars|marzo|mar|april|avril|abril|apr|avr|abr|mayo|may|mai|june|juni|juin|junio|jun|" +
        "july|juli|juillet|juil|julio|jul|august|août|aout|agosto|aug|ago|september|septembre|septiembre|setiembre|sept|sep|" +
        "october|oktober|octobre|octubre|oct|okt|november|novembre|noviembre|nov|december|dezember|décembre|decembre|diciembre|déc|dec|dez|dic";

    [GeneratedRegex(@"(?<!\d)(?<y>(?:19|20)\d{2})[-/.](?<m>\d{1,2})[-/.](?<d>\d{1,2})(?!\d)")]
    private static partial Regex Iso();

    [GeneratedRegex(@"(?<!\d)(?<a>\d{1,2})(?<sep>[./-])(?<b>\d{1,2})\k<sep>(?<y>\d{4}|\d{2})(?![\d.,]\d)")]
    private static partial Regex Numeric();

    [GeneratedRegex(@"(?<![\d\p{L}])(?<d>\d{1,2})(?:st|nd|rd|th|er|º|\.)?[\s\-/]*(?:de\s+)?(?<mon>" + MonthNames + @")\.?(?!\p{L})[\s\-/,]*(?:de\s+|del\s+)?(?<y>\d{4}|\d{2})(?!\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DayMonthName();

    [GeneratedRegex(@"(?<!\p{L})(?<mon>" + MonthNames + @")\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>\d{4})(?!\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MonthNameDay();
}
