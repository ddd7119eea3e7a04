using System.Text.RegularExpressions;
using Monolith.Companies;
using Monolith.Companies.Contracts;

namespace Monolith.Companies.OpenAI;

/// <summary>
/// What the schema cannot say: counts and ranges, code formats, and that evidence only cites the pages that were sent.
/// Each check returns the first few problems as one text (sent back to the model in the repair attempt), or null. The
/// first check of an answer also requires every snippet to be on its cited page (<see cref="EvidenceGrounding"/>); the
/// repaired answer is not failed for it — its ungrounded evidence is then removed by the analyzer.
/// </summary>
public sealed partial class AnswerRules
{
    private readonly HashSet<string> _pages;
    private readonly EvidenceGrounding _grounding;
    private int _checks;

    public AnswerRules(SiteContent site)
    {
        ArgumentNullException.ThrowIfNull(site);
        _pages = new HashSet<string>(site.Pages.Select(p => Normalize(p.Url.AbsoluteUri)).Append(Normalize(site.Homepage.AbsoluteUri)),
            StringComparer.OrdinalIgnoreCase);
        _grounding = new EvidenceGrounding(site);
    }

    /// <summary>The grounding this analyzer call applies to the accepted answer.</summary>
    public EvidenceGrounding Grounding => _grounding;

    public string? Check(ProfileAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var problems = new Problems();
        Fact(problems, "companyName", answer.CompanyName);
        Fact(problems, "description", answer.Description);
        Fact(problems, "industry", answer.Industry);
        if (answer.Industry is { } industry) Naics(problems, "industry.value", industry.Value);
        Fact(problems, "country", answer.Country);
        if (answer.Country is { } country && !TwoLetters().IsMatch(country.Value))
            problems.Add($"country.value \"{country.Value}\" is not an ISO 3166 alpha-2 code");
        Fact(problems, "languages", answer.Languages);
        Fact(problems, "logoUrl", answer.LogoUrl);
        Fact(problems, "socialProfiles", answer.SocialProfiles);
        Fact(problems, "contacts", answer.Contacts);
        return Done(problems);
    }

    public string? Check(ValuePropositionAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var problems = new Problems();
        if (answer.Offerings.Count is < 1 or > 20) problems.Add($"offerings has {answer.Offerings.Count} items; 1 to 20 are required");
        if (answer.Differentiators.Count > 10) problems.Add($"differentiators has {answer.Differentiators.Count} items; at most 10");
        if (answer.IndustriesServed.Count > 10) problems.Add($"industriesServed has {answer.IndustriesServed.Count} items; at most 10");
        for (var i = 0; i < answer.Offerings.Count; i++)
        {
            Fact(problems, $"offerings[{i}]", answer.Offerings[i]);
            if (answer.Offerings[i].Value.Kind is not ("product" or "service")) problems.Add($"offerings[{i}].value.kind must be product or service");
        }
        for (var i = 0; i < answer.Differentiators.Count; i++) Fact(problems, $"differentiators[{i}]", answer.Differentiators[i]);
        for (var i = 0; i < answer.IndustriesServed.Count; i++)
        {
            Fact(problems, $"industriesServed[{i}]", answer.IndustriesServed[i]);
            Naics(problems, $"industriesServed[{i}].value", answer.IndustriesServed[i].Value);
        }
        Fact(problems, "customerSizeFocus", answer.CustomerSizeFocus);
        return Done(problems);
    }

    public string? Check(ClustersAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var problems = new Problems();
        if (answer.Clusters.Count is < 3 or > 8) problems.Add($"clusters has {answer.Clusters.Count} items; 3 to 8 are required");
        var duplicate = answer.Clusters.GroupBy(c => c.Id, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) problems.Add($"cluster id \"{duplicate.Key}\" is used more than once");
        for (var i = 0; i < answer.Clusters.Count; i++)
        {
            var c = answer.Clusters[i];
            if (string.IsNullOrWhiteSpace(c.Id) || string.IsNullOrWhiteSpace(c.Name)) problems.Add($"clusters[{i}] needs an id and a name");
            Count(problems, $"clusters[{i}].industries", c.Industries.Count, 1, 5);
            Count(problems, $"clusters[{i}].sizeBands", c.SizeBands.Count, 1, 5);
            Count(problems, $"clusters[{i}].buyerRoles", c.BuyerRoles.Count, 1, 6);
            Count(problems, $"clusters[{i}].pains", c.Pains.Count, 1, 6);
            Count(problems, $"clusters[{i}].spendCategories", c.SpendCategories.Count, 1, 5);
            foreach (var industry in c.Industries) Naics(problems, $"clusters[{i}].industries", industry);
            foreach (var code in c.SpendCategories) Unspsc(problems, $"clusters[{i}].spendCategories", code);
        }
        return Done(problems);
    }

    public string? Check(EmployeesAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var problems = new Problems();
        if (answer.Low < 1) problems.Add($"low is {answer.Low}; it must be at least 1");
        if (!(answer.Low <= answer.Estimate && answer.Estimate <= answer.High))
            problems.Add($"low ({answer.Low}) <= estimate ({answer.Estimate}) <= high ({answer.High}) does not hold");
        Confidence(problems, "confidence", answer.Confidence);
        if (string.IsNullOrWhiteSpace(answer.Method)) problems.Add("method is empty");
        Evidence(problems, "evidence", answer.Evidence);
        return Done(problems);
    }

    public string? Check(SpendCategoriesAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var problems = new Problems();
        if (answer.Categories.Count is < 1 or > 15) problems.Add($"categories has {answer.Categories.Count} items; 1 to 15 are required");
        var duplicate = answer.Categories.GroupBy(c => c.Code, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) problems.Add($"code \"{duplicate.Key}\" appears more than once");
        for (var i = 0; i < answer.Categories.Count; i++)
        {
            var category = answer.Categories[i];
            Unspsc(problems, $"categories[{i}].code", category.Code);
            if (string.IsNullOrWhiteSpace(category.Label)) problems.Add($"categories[{i}].label is empty");
            Confidence(problems, $"categories[{i}].likelihood", category.Likelihood);
            Evidence(problems, $"categories[{i}].evidence", category.Evidence);
        }
        return Done(problems);
    }

    private void Fact<T>(Problems problems, string path, Fact<T>? fact)
    {
        if (fact is null) return;
        Confidence(problems, $"{path}.confidence", fact.Confidence);
        Evidence(problems, $"{path}.evidence", fact.Evidence);
    }

    private void Evidence(Problems problems, string path, IReadOnlyList<Evidence> evidence)
    {
        foreach (var item in evidence)
        {
            if (!_pages.Contains(Normalize(item.Url)))
                problems.Add($"{path} cites \"{item.Url}\", which is not one of the given pages");
            else if (_checks == 0 && !_grounding.IsGrounded(item))
                problems.Add($"{path} quotes \"{Shorten(item.Snippet)}\", which is not in the text of {item.Url}; quote the page's own words exactly");
        }
    }

    private string? Done(Problems problems)
    {
        _checks++;
        return problems.Text;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 80), "…");

    private static void Confidence(Problems problems, string path, double value)
    {
        if (!double.IsFinite(value) || value is < 0 or > 1) problems.Add($"{path} is {value}; it must be between 0 and 1");
    }

    private static void Count(Problems problems, string path, int count, int min, int max)
    {
        if (count < min || count > max) problems.Add($"{path} has {count} items; {min} to {max} are required");
    }

    private static void Naics(Problems problems, string path, IndustryCode code)
    {
        if (!NaicsSector().IsMatch(code.Code)) problems.Add($"{path} code \"{code.Code}\" is not a NAICS 2022 sector code (e.g. 54 or 31-33)");
    }

    private static void Unspsc(Problems problems, string path, string code)
    {
        if (!UnspscSegment().IsMatch(code)) problems.Add($"{path} \"{code}\" is not a UNSPSC segment code (two digits and six zeros, e.g. 43000000)");
    }

    private static string Normalize(string url) => url.Trim().TrimEnd('/');

    [GeneratedRegex("^(11|21|22|23|31-33|42|44-45|48-49|51|52|53|54|55|56|61|62|71|72|81|92)$")]
    private static partial Regex NaicsSector();

    [GeneratedRegex("^[1-9][0-9]000000$")]
    private static partial Regex UnspscSegment();

    [GeneratedRegex("^[A-Za-z]{2}$")]
    private static partial Regex TwoLetters();

    private sealed class Problems
    {
        private const int Shown = 5;
        private readonly List<string> _items = [];

        public void Add(string problem) => _items.Add(problem);

        public string? Text => _items.Count == 0 ? null
            : string.Join("; ", _items.Take(Shown)) + (_items.Count > Shown ? $"; and {_items.Count - Shown} more" : "");
    }
}
