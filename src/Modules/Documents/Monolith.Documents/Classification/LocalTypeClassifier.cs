using System.Text.RegularExpressions;
using Monolith.Documents.Extraction;

namespace Monolith.Documents.Classification;

/// <summary>The classifier's answer: the best type, how sure it is (0..1), each type's share of the evidence and which
/// model decided (<c>rules</c>, or the learned type model's version).</summary>
public sealed record Classification(DocumentType Type, double Confidence, IReadOnlyDictionary<DocumentType, double> Scores, string Model = LocalTypeClassifier.RulesModel);

/// <summary>
/// Free, instant document-type detection from words and layout, in English, German, French and Spanish.
/// The learned type model (<see cref="TypeModel"/>, trained by <c>documents train</c>) decides from the features below
/// when it is shipped; the hand-weighted rules decide otherwise. For the rules a word in the title (the first lines)
/// counts more than one in the body; confidence is low when the cues are few or point to different types, so callers
/// can ask a remote provider only then.
/// </summary>
public static partial class LocalTypeClassifier
{
    public const string RulesModel = "rules";

    private sealed record Cue(DocumentType Type, Regex Pattern, double Weight, bool TitleOnly = false);

    private static readonly Cue[] Cues =
    [
        // Titles: what the document calls itself.
        new(DocumentType.Invoice, R(@"\b(?:tax\s+)?invoice\b|rechnung\b|\brechnungs-?korrektur\b|\bfacture\b|\bfactura\b|\bfattura\b|\bfaktura\b|\bfactuur\b"), 3.0),
        new(DocumentType.Invoice, R(@"\binvoice\s*(?:no|number|nr|#|date)|rechnungs(?:nummer|datum|-?nr)|n[°ºo]\s*de\s*facture|num[ée]ro\s+de\s+factura|date\s+de\s+facture|fecha\s+de\s+factura|bill\s+to|invoice\s+to|sold\s+to|rechnungsempf|factur[ée]\s+[àa]|facturar\s+a|due\s+date|payment\s+terms|f[äa]llig|zahlbar|[ée]ch[ée]ance|vencimiento|zahlungsziel|conditions\s+de\s+paiement|iban|bic|swift"), 1.0),
        new(DocumentType.Receipt, R(@"\breceipt\b|\bquittung\b|\bkassenbon\b|\bkassenbeleg\b|\bbon\b(?!\s+de\s+commande)|\bre[çc]u\b|\bticket\b|\brecibo\b|\bcash\s+bill\b|\bcash\s+sale\b|\btax\s+receipt\b|\bsimplified\s+(?:tax\s+)?invoice\b"), 3.0),
        new(DocumentType.Receipt, R(@"\bcash\b|\bchange\b|\brounding\b|\bround(?:ed|\s*d)?\s+total\b|\bcashier\b|\bkassierer|\bcaissier|\bcajero|\brückgeld\b|\bbar\b|\bgegeben\b|\brendu\b|\bmonnaie\b|\bcambio\b|\befectivo\b|\bespèces\b|\bespeces\b|\bthank\s+you\b|\bvielen\s+dank\b|\bmerci\b|\bgracias\b|\bvisa\b|\bmastercard\b|\bterminal\b|\btable\b|\bmember\b|\bqty\b|\bpax\b|\bgst\b|\bsdn\.?\s*bhd\b|\btel\b"), 0.6),
        new(DocumentType.CreditNote, R(@"\bcredit\s+note\b|\bcredit\s+memo\b|\bgutschrift\b|\bstorno|\bavoir\b|\bnote\s+de\s+cr[ée]dit\b|\bnota\s+de\s+cr[ée]dito\b|\bfactura\s+rectificativa\b|\bfactura\s+de\s+abono\b|\babono\b|\brefund\b"), 4.0),
        new(DocumentType.PurchaseOrder, R(@"\bpurchase\s+order\b|\bbestellung\b|\bbestellschein\b|\bauftrag\b|\bbon\s+de\s+commande\b|\bcommande\b|\borden\s+de\s+compra\b|\bpedido\b|\border\s+(?:response|change|confirmation)\b|\bauftragsbest[äa]tigung\b"), 3.0),
        new(DocumentType.PurchaseOrder, R(@"\bp\.?o\.?\s*(?:no|number|#)|\border\s+(?:no|number|date)\b|\bbestellnummer\b|\bbestelldatum\b|\bdelivery\s+date\b|\bship\s+to\b|\bliefertermin\b|\blivraison\b|\bbuyer\b|\bseller\b|\bentrega\b"), 0.7),
    ];

    /// <summary>Cue words that mean little alone but suggest some business document (invoice, receipt or order).</summary>
    [GeneratedRegex(@"\b(?:total|subtotal|summe|gesamt|montant|importe|amount|vat|tax|mwst|ust|tva|iva|price|preis|prix|precio|totaal|subtotaal|btw|bedrag|prijs|totale|imponibile|prezzo|importo)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Commercial();

    [GeneratedRegex(@"\b(?:cash|tendered|paid|card|visa|master|bar|gegeben|esp[eè]ces|efectivo|entregado)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Tendered();

    [GeneratedRegex(@"\b(?:change|rounding|r[üu]ckgeld|rendu|monnaie\s+rendue|cambio|vuelto)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ChangeGiven();

    /// <summary>
    /// Point-of-sale evidence, one pattern per kind: how it was paid, change given, who served, a farewell, rounding,
    /// a time of day, a tax summary block, a table or covers. Several kinds together describe a till slip, whatever its heading.
    /// </summary>
    private static readonly Regex[] PointOfSale =
    [
        R(@"\b(?:cash|tendered|paid|payment(?:\s+mode)?|card|visa|master(?:card)?|debit|credit\s+card|bar|gegeben|esp[eè]ces|efectivo|entregado)\b"),
        R(@"\b(?:change(?:\s+due)?|r[üu]ckgeld|rendu|monnaie\s+rendue|cambio|vuelto)\b"),
        R(@"\b(?:cashier|cashler|counter|pos\s*(?:no|id|#)|till|terminal|kassierer|kasse|caissier|cajero|served\s+by|operator)\b"),
        R(@"\b(?:thank\s*you|come\s+again|vielen\s+dank|merci|gracias|goods\s+sold\s+are\s+not)\b"),
        R(@"\b(?:rounding|round(?:ed|\s*d)?\s+(?:total|adj)|rounding\s+adj)"),
        R(@"(?<![\d:])(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?![\d:])"),
        R(@"\b(?:gst|tax|vat)\s+summary\b|\bprice\s+inclusive\b|\binclusive\s+of\s+gst\b"),
        R(@"\b(?:table|pax|covers?|guests?|take\s*away|dine\s*in)\b"),
    ];

    /// <summary>Cues that only an invoice sent for later payment carries.</summary>
    [GeneratedRegex(@"\b(?:due\s+date|payment\s+terms|bill(?:ed)?\s+to|invoice\s+to|iban|swift|bank\s+details|zahlbar|f[äa]llig|zahlungsziel|rechnungsempf|[ée]ch[ée]ance|vencimiento|net\s+\d{1,3}\s+days)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CreditTerms();

    /// <summary>The type of a document: the learned model's answer when one is shipped, else the rules'.</summary>
    public static Classification Classify(DocumentText text) => Classify(text, null);

    /// <summary>The type by <paramref name="model"/> (a customer's retrained model), else as <see cref="Classify(DocumentText)"/>.</summary>
    public static Classification Classify(DocumentText text, TypeModel? model) =>
        (model ?? TypeModel.Default) is { } m ? m.Classify(Features(text)) : ClassifyByRules(text);

    /// <summary>What the cues found in a document: the inputs of the rules and of the learned model alike.</summary>
    private sealed record Evidence(string Full, string[] Lines, int[] TitleHits, int[] BodyHits, bool TenderedAndChange, int PointOfSaleKinds,
        bool CreditTerms, int Words, int Commercial, Dictionary<DocumentType, double> Scores);

    private static Evidence Gather(DocumentText text)
    {
        var full = Unspace(text.FullText);
        var lines = full.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var title = string.Join('\n', lines.Take(12));
        var scores = Enum.GetValues<DocumentType>().ToDictionary(t => t, _ => 0.0);
        var titleHits = new int[Cues.Length];
        var bodyHits = new int[Cues.Length];
        for (var i = 0; i < Cues.Length; i++)
        {
            var cue = Cues[i];
            var inTitle = cue.Pattern.Count(title);
            var inBody = Math.Min(cue.Pattern.Count(full) - inTitle, 6);
            titleHits[i] = Math.Min(inTitle, 2);
            bodyHits[i] = Math.Max(inBody, 0);
            // The title counts double; repeats in the body add less and less.
            scores[cue.Type] += cue.Weight * (2.0 * titleHits[i] + Math.Sqrt(bodyHits[i]));
        }

        // A credit note always refers to the invoice it corrects; that mention is no evidence for an invoice.
        if (scores[DocumentType.CreditNote] > 0) scores[DocumentType.Invoice] *= 0.4;

        // Paid on the spot: tendered and change together say receipt even under a "TAX INVOICE" heading.
        var tenderedAndChange = Tendered().IsMatch(full) && ChangeGiven().IsMatch(full);
        if (tenderedAndChange) scores[DocumentType.Receipt] += 5.0;

        // "TAX INVOICE" over a till slip: many point-of-sale kinds and no credit terms mean it was paid on the spot.
        var pos = PointOfSale.Count(p => p.IsMatch(full));
        var creditTerms = CreditTerms().IsMatch(full);
        if (pos >= 3 && !creditTerms) scores[DocumentType.Receipt] += 3.0 * (pos - 2);

        // A receipt is short and narrow; an invoice has more lines and words.
        var words = full.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        if (words > 0 && words < 180) scores[DocumentType.Receipt] += 0.8;
        if (words > 350) scores[DocumentType.Invoice] += 0.8;

        var commercial = Commercial().Count(full);
        scores[DocumentType.Other] = commercial == 0 ? 2.0 : Math.Max(0.0, 1.5 - 0.3 * commercial);
        return new Evidence(full, lines, titleHits, bodyHits, tenderedAndChange, pos, creditTerms, words, commercial, scores);
    }

    /// <summary>The hand-weighted rules alone (the fallback when no learned model is shipped, and one of its inputs).</summary>
    public static Classification ClassifyByRules(DocumentText text) => FromScores(Gather(text).Scores);

    private static Classification FromScores(Dictionary<DocumentType, double> scores)
    {
        var evidence = scores.Where(s => s.Key != DocumentType.Other).Sum(s => s.Value);
        var ranked = scores.OrderByDescending(s => s.Value).ToList();
        var best = ranked[0];
        var second = ranked[1].Value;
        var total = scores.Values.Sum();
        var shares = scores.ToDictionary(s => s.Key, s => total > 0 ? Math.Round(s.Value / total, 4) : 0.0);
        if (best.Value <= 0) return new Classification(DocumentType.Other, 0.2, shares);

        // Margin says whether the cues agree; strength says whether there were enough of them.
        var margin = (best.Value - second) / best.Value;
        var strength = 1 - Math.Exp(-evidence / 6.0);
        var confidence = Math.Clamp(0.15 + 0.85 * margin * strength, 0.05, 0.99);
        return new Classification(best.Key, Math.Round(confidence, 3), shares);
    }

    /// <summary>The names of <see cref="Features"/>, in order (the learned model's input schema).</summary>
    public static readonly IReadOnlyList<string> FeatureNames =
    [
        .. Enumerable.Range(0, Cues.Length).Select(i => $"title:{Cues[i].Type}:{i}"),
        .. Enumerable.Range(0, Cues.Length).Select(i => $"body:{Cues[i].Type}:{i}"),
        .. Enum.GetValues<DocumentType>().Select(t => $"rules:{t}"),
        "rules:confidence", "tendered-and-change", "point-of-sale-kinds", "credit-terms", "commercial-words",
        "log-words", "log-lines", "mean-line-chars", "short-lines", "numeric-lines", "amount-lines", "longest-line",
        "wide-gaps", "upper-case", "pages", "time-of-day",
    ];

    /// <summary>
    /// What the learned type model reads: the cues in the title and the body, the rules' verdict, point-of-sale and
    /// credit evidence, and the shape of the text (how many, how long and how numeric its lines are: a till slip is
    /// short and narrow, an invoice wide with columns).
    /// </summary>
    public static float[] Features(DocumentText text)
    {
        var e = Gather(text);
        var rules = FromScores(e.Scores);
        var lines = e.Lines;
        var n = Math.Max(lines.Length, 1);
        var letters = e.Full.Count(char.IsLetter);
        float Share(Func<string, bool> predicate) => (float)lines.Count(predicate) / n;
        var features = new List<float>(FeatureNames.Count);
        features.AddRange(e.TitleHits.Select(h => (float)h));
        features.AddRange(e.BodyHits.Select(h => (float)h));
        features.AddRange(Enum.GetValues<DocumentType>().Select(t => (float)rules.Scores[t]));
        features.Add((float)rules.Confidence);
        features.Add(e.TenderedAndChange ? 1 : 0);
        features.Add(e.PointOfSaleKinds);
        features.Add(e.CreditTerms ? 1 : 0);
        features.Add(Math.Min(e.Commercial, 20));
        features.Add((float)Math.Log(1 + e.Words));
        features.Add((float)Math.Log(1 + lines.Length));
        features.Add(lines.Length == 0 ? 0 : (float)lines.Average(l => l.Length));
        features.Add(Share(l => l.Length <= 20));
        features.Add(Share(l => l.Count(char.IsDigit) * 2 > l.Count(c => !char.IsWhiteSpace(c))));
        features.Add(Share(l => AmountAtEnd().IsMatch(l)));
        features.Add(lines.Length == 0 ? 0 : Math.Min(lines.Max(l => l.Length), 200));
        features.Add(Share(l => l.Contains("   ", StringComparison.Ordinal)));
        features.Add(letters == 0 ? 0 : (float)e.Full.Count(char.IsUpper) / letters);
        features.Add(text.Pages.Count);
        features.Add(PointOfSale[5].IsMatch(e.Full) ? 1 : 0);
        return [.. features];
    }

    [GeneratedRegex(@"\d[.,]\d{2}\s*[A-Za-z€$£]{0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex AmountAtEnd();

    /// <summary>Headings set letter by letter ("K O S T E N R E C H N U N G") read as the word they spell.</summary>
    internal static string Unspace(string text) => LetterSpaced().Replace(text, m => m.Value.Replace(" ", "", StringComparison.Ordinal));

    [GeneratedRegex(@"(?<![\p{L}\d])\p{L}(?: \p{L}){4,}(?![\p{L}\d])", RegexOptions.CultureInvariant)]
    private static partial Regex LetterSpaced();

    private static Regex R(string pattern) => new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
