using Monolith.Companies.Contracts;
using AngleSharp.Dom;

namespace Monolith.Companies.Heuristic;

/// <summary>Where a <see cref="PageItem"/> was found on its page.</summary>
public static class PageItemSources
{
    /// <summary>An entry of a navigation drop-down (<c>nav li &gt; ul</c>): its context is the menu's label.</summary>
    public const string Menu = "menu";

    /// <summary>An item of a list outside the navigation (footer columns included): its context is the heading above the list.</summary>
    public const string List = "list";

    /// <summary>One of several sibling boxes that each carry a short title (cards, tiles, teasers): its context is the heading above them.</summary>
    public const string Card = "card";

    /// <summary>A subheading (h3 under an h2, ...): its context is the higher heading above it, its description the text that follows.</summary>
    public const string Heading = "heading";
}

/// <summary>
/// A named thing a page lists — a menu entry, a list item or a card — with the heading or menu label it sits under
/// (<see cref="Context"/>: "Products", "Industries we serve", ...), its own short name, and the text that describes it.
/// </summary>
public sealed record PageItem(string Context, string Name, string? Description, string Source)
{
    /// <summary>The item as the page shows it: "Industries we serve: Wholesale distribution – Distributors of …".</summary>
    public Evidence Evidence(ParsedPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var shown = (Context.Length > 0 ? Context + ": " : "") + Name + (Description is null ? "" : " – " + Description);
        return page.Evidence(shown);
    }
}

/// <summary>
/// Reads the repeated structures of a page (drop-down menus, lists, cards) with the heading each sits under: what
/// sites use to list their products, services, industries and reasons to choose them. Pure; one pass per page.
/// </summary>
public static class PageStructure
{
    /// <summary>Items kept per page (a mega-menu or catalogue page would otherwise flood the rules).</summary>
    public const int MaxItems = 300;

    /// <summary>Longest item title read as a name; longer first lines are sentences.</summary>
    public const int MaxTitleChars = 80;

    /// <summary>Characters of an item's description kept.</summary>
    public const int MaxDescriptionChars = 300;

    private const int MinSiblingCards = 2;
    private const int MaxSiblingCards = 24;

    /// <summary>Link texts at the end of a card that are not part of what it describes.</summary>
    private static readonly string[] ReadMore =
    [
        "learn more", "read more", "details", "discover", "mehr erfahren", "weiterlesen", "en savoir plus", "découvrir",
        "más información", "leer más", "ver más", "scopri di più", "leggi di più", "lees meer", "meer informatie", "ontdek",
    ];

    private const string Headings = "h1,h2,h3,h4,h5,h6,[role=heading]";
    private const string NavigationAncestors = "nav,header,[role=navigation]";
    private const string TitleSelector = "h2,h3,h4,h5,h6,[role=heading],strong,b,dt,[class*=title],[class*=name],[class*=heading],[class*=headline]";

    /// <summary>Menus, lists and cards of <paramref name="body"/> in document order, at most <see cref="MaxItems"/>.</summary>
    public static IReadOnlyList<PageItem> Read(IElement? body)
    {
        if (body is null) return [];
        var elements = body.QuerySelectorAll("*").ToList();
        var order = new Dictionary<IElement, int>(elements.Count, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < elements.Count; i++) order[elements[i]] = i;
        var headings = elements.Where(e => e.Matches(Headings)).Select(e => (Index: order[e], Element: e, Text: ParsedPage.Clean(e.TextContent)))
            .Where(h => h.Text.Length is > 1 and < 120).ToList();
        var starts = headings.Select(h => h.Index).ToList();

        string ContextOf(IElement element)
        {
            // A footer column's "<p class=…>Products</p><ul>…" titles its list as a heading would.
            if (element.PreviousElementSibling is { } before && before.QuerySelector("ul,ol,a") is null && IsTitle(before)
                && (before.Matches(TitleSelector) || element.LocalName is "ul" or "ol")) return ParsedPage.Clean(before.TextContent);
            // The last heading before the element that is not inside it (headings are in document order).
            // In a footer only the footer's own headings count: its legal and contact links are not under the page's last heading.
            var footer = element.Closest("footer");
            var at = starts.BinarySearch(order[element]);
            for (var i = (at >= 0 ? at : ~at) - 1; i >= 0; i--)
                if (!element.Contains(headings[i].Element)) return footer is null || footer.Contains(headings[i].Element) ? headings[i].Text : "";
            return "";
        }

        var items = new List<PageItem>();
        items.AddRange(Menus(body));
        var open = new List<(int Level, string Text)>(); // the headings a new one may sit under, outermost first
        foreach (var (_, element, text) in headings)
        {
            var level = LevelOf(element);
            while (open.Count > 0 && open[^1].Level >= level) open.RemoveAt(open.Count - 1);
            if (open.Count > 0 && !IsInNavigation(element) && text.Length <= MaxTitleChars)
                items.Add(new PageItem(open[^1].Text, text, ParsedPage.FollowingText(element) is { Length: > 2 } following ? Describe(following, "") : null, PageItemSources.Heading));
            open.Add((level, text));
        }
        foreach (var list in body.QuerySelectorAll("ul,ol").Where(l => !IsInNavigation(l) && l.ParentElement?.Closest("li") is null))
            items.AddRange(list.Children.Where(c => c.LocalName == "li").Select(TitleAndDescription)
                .Where(t => t.Name.Length > 1).Select(t => new PageItem(ContextOf(list), t.Name, t.Description, PageItemSources.List)));
        foreach (var container in elements.Where(e => e.LocalName is not ("ul" or "ol" or "nav" or "header" or "select") && !IsInNavigation(e)))
            foreach (var card in Cards(container))
                items.Add(new PageItem(ContextOf(container), card.Name, card.Description, PageItemSources.Card));
        return items.Take(MaxItems).ToList();
    }

    /// <summary>1 for h1 … 6 for h6; an ARIA heading by its aria-level (2 when it has none).</summary>
    private static int LevelOf(IElement heading) =>
        heading.LocalName is ['h', var digit] && char.IsAsciiDigit(digit) ? digit - '0'
        : int.TryParse(heading.GetAttribute("aria-level"), out var level) ? level : 2;

    private static bool IsInNavigation(IElement element) => element.Closest(NavigationAncestors) is not null;

    /// <summary>
    /// Drop-down and mega menus: an entry of the navigation with a panel (a nested list, or a box of links as in Bootstrap's
    /// <c>.dropdown-menu</c>); the entry's own text is the label, a column title inside the panel is added to it
    /// ("Solutions By industry").
    /// </summary>
    private static IEnumerable<PageItem> Menus(IElement body)
    {
        foreach (var entry in body.QuerySelectorAll("nav li, header li, [role=navigation] li, [class*=menu] li"))
        {
            var panels = entry.Children.Where(c => c.LocalName is "ul" or "ol" || (c.LocalName is not "a" && c.QuerySelector("a") is not null)).ToList();
            if (panels.Count == 0) continue;
            var label = ParsedPage.Clean(string.Concat(entry.ChildNodes.Where(n => n is not IElement e || !panels.Contains(e)).Select(n => n.TextContent + " ")));
            if (label.Length is < 2 or > 60) continue;
            foreach (var panel in panels)
            {
                var leaves = panel.QuerySelectorAll("li").Where(li => li.QuerySelector("ul,ol") is null).ToList();
                foreach (var leaf in leaves.Count > 0 ? leaves : panel.QuerySelectorAll("a").ToList())
                {
                    var (name, description) = TitleAndDescription(leaf);
                    var column = ColumnTitle(leaf, panel);
                    if (name.Length > 1 && name != column) yield return new PageItem(column is null ? label : $"{label} {column}", name, description, PageItemSources.Menu);
                }
            }
        }
    }

    /// <summary>The title of the menu column an entry sits in: the first child of an enclosing box, when it is a title and not the entry.</summary>
    private static string? ColumnTitle(IElement leaf, IElement panel)
    {
        for (var box = leaf.ParentElement; box is not null && box != panel.ParentElement; box = box.ParentElement)
            if (box.FirstElementChild is { } first && !first.Contains(leaf) && first.QuerySelector("a") is null && IsTitle(first)) return ParsedPage.Clean(first.TextContent);
        return null;
    }

    /// <summary>A short element that names what follows it: a heading, bold text, or an element classed as a title.</summary>
    private static bool IsTitle(IElement element) =>
        ParsedPage.Clean(element.TextContent).Length is > 1 and <= MaxContextChars && (element.Matches(TitleSelector) || element.LocalName is "p" or "span" or "div" && element.Children.Length == 0);

    /// <summary>Longest text read as the title of a list or menu column.</summary>
    private const int MaxContextChars = 60;

    /// <summary>Sibling boxes of one kind (same tag and class) that each start with a short title.</summary>
    private static IEnumerable<(string Name, string? Description)> Cards(IElement container)
    {
        var children = container.Children;
        if (children.Length is < MinSiblingCards or > MaxSiblingCards * 2) yield break;
        var groups = children.Where(c => c.LocalName is not ("script" or "style" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "p" or "br" or "hr" or "img" or "span"))
            .GroupBy(c => (c.LocalName, c.ClassName ?? "")).Where(g => g.Count() is >= MinSiblingCards and <= MaxSiblingCards);
        foreach (var group in groups)
        {
            // A box without a title element is its own title when all it holds is a short text (tag links: "Retail", "Logistics"),
            // unless it is a link in running text or in the footer (phone numbers, e-mail addresses, social networks).
            var bare = container.LocalName is "div" or "section" && container.Closest("footer") is null;
            var cards = group.Select(c => (Element: c, Title: c.QuerySelector(TitleSelector)
                ?? (bare && c.Children.Length == 0 && ParsedPage.Clean(c.TextContent).Length <= MaxContextChars ? c : null))).ToList();
            if (cards.Any(c => c.Title is null || ParsedPage.Clean(c.Title.TextContent).Length is < 2 or > MaxTitleChars)) continue;
            foreach (var (element, title) in cards)
            {
                var name = ParsedPage.Clean(title!.TextContent);
                yield return (name, Describe(ParsedPage.Clean(element.TextContent), name));
            }
        }
    }

    /// <summary>A list item's leading emphasis or link as its name and the rest as its description; else "Name – description" or the whole text.</summary>
    public static (string Name, string? Description) TitleAndDescription(IElement item)
    {
        var text = ParsedPage.Clean(item.TextContent);
        var lead = item.QuerySelector(TitleSelector + ",a");
        if (lead is not null && ParsedPage.Clean(lead.TextContent) is { Length: > 1 and <= MaxTitleChars } title && text.StartsWith(title, StringComparison.Ordinal))
            return (title, Describe(text, title));
        foreach (var separator in new[] { " – ", " — ", " - ", ": " })
        {
            var at = text.IndexOf(separator, StringComparison.Ordinal);
            if (at is > 1 and <= MaxTitleChars) return (text[..at].Trim(), Describe(text, text[..at]));
        }
        return (text, null);
    }

    private static string? Describe(string text, string name)
    {
        var rest = text.StartsWith(name, StringComparison.Ordinal) ? text[name.Length..] : text.Replace(name, "", StringComparison.Ordinal);
        rest = rest.Trim(' ', ':', '–', '—', '-', '|', '·', '.').Trim();
        foreach (var more in ReadMore)
            if (rest.EndsWith(more, StringComparison.OrdinalIgnoreCase)) rest = rest[..^more.Length].Trim(' ', '→', '›', '»', '>');
        if (rest.Length < 3) return null;
        return rest.Length > MaxDescriptionChars ? rest[..MaxDescriptionChars].TrimEnd() : rest;
    }
}
