using System.Text.RegularExpressions;
using Monolith.Documents.Extraction;

namespace Monolith.Documents.Classification;

/// <summary>The classifier's answer: the best type, how sure it is (0..1) and each type's share of the evidence.</summary>
public sealed record Classification(DocumentType Type, double Confidence, IReadOnlyDictionary<DocumentType, double> Scores);

/// <summary>
/// Free, instant document-type detection from words and layout, in English, German, French and Spanish.
/// A word in the title (the first lines) counts more than one in the body; confidence is low when the cues are
/// few or point to different types, so callers can ask a remote provider only then.
/// </summary>
public static partial class LocalTypeClassifier
{
    private sealed record Cue(DocumentType Type, Regex Pattern, double Weight, bool TitleOnly = false);

    private static readonly Cue[] Cues =
    [
        // Titles: what the document calls itself.
        new(DocumentType.Invoice, R(@"\b(?:tax\s+)?invoice\b|\brechnung\b|\bfacture\b|\bfactura\b|\bfattura\b|\bfaktura\b|\bfactuur\b"), 3.0),
        new(DocumentType.Invoice, R(@"\binvoice\s*(?:no|number|nr|#|date)|rechnungs(?:nummer|datum|-?nr)|n[°ºo]\s*de\s*facture|num[ée]ro\s+de\s+factura|date\s+de\s+facture|fecha\s+de\s+factura|bill\s+to|invoice\s+to|sold\s+to|rechnungsempf|factur[ée]\s+[àa]|facturar\s+a|due\s+date|payment\s+terms|f[äa]llig|zahlbar|[ée]ch[ée]ance|vencimiento|zahlungsziel|conditions\s+de\s+paiement|iban|bic|swift"), 1.0),
        new(DocumentType.Receipt, R(@"\breceipt\b|\bquittung\b|\bkassenbon\b|\bkassenbeleg\b|\bbon\b(?!\s+de\s+commande)|\bre[çc]u\b|\bticket\b|\brecibo\b|\bcash\s+bill\b|\bcash\s+sale\b|\btax\s+receipt\b|\bsimplified\s+(?:tax\s+)?invoice\b"), 3.0),
        new(DocumentType.Receipt, R(@"\bcash\b|\bchange\b|\brounding\b|\bround(?:ed|\s*d)?\s+total\b|\bcashier\b|\bkassierer|\bcaissier|\bcajero|\brückgeld\b|\bbar\b|\bgegeben\b|\brendu\b|\bmonnaie\b|\bcambio\b|\befectivo\b|\bespèces\b|\bespeces\b|\bthank\s+you\b|\bvielen\s+dank\b|\bmerci\b|\bgracias\b|\bvisa\b|\bmastercard\b|\bterminal\b|\btable\b|\bmember\b|\bqty\b|\bpax\b|\bgst\b|\bsdn\.?\s*bhd\b|\btel\b"), 0.6),
        new(DocumentType.CreditNote, R(@"\bcredit\s+note\b|\bcredit\s+memo\b|\bgutschrift\b|\brechnungskorrektur\b|\bstorno|\bavoir\b|\bnote\s+de\s+cr[ée]dit\b|\bnota\s+de\s+cr[ée]dito\b|\bfactura\s+rectificativa\b|\brefund\b"), 4.0),
        new(DocumentType.PurchaseOrder, R(@"\bpurchase\s+order\b|\bbestellung\b|\bbestellschein\b|\bauftrag\b|\bbon\s+de\s+commande\b|\bcommande\b|\borden\s+de\s+compra\b|\bpedido\b|\border\s+(?:response|change|confirmation)\b|\bauftragsbest[äa]tigung\b"), 3.0),
        new(DocumentType.PurchaseOrder, R(@"\bp\.?o\.?\s*(?:no|number|#)|\border\s+(?:no|number|date)\b|\bbestellnummer\b|\bbestelldatum\b|\bdelivery\s+date\b|\bship\s+to\b|\bliefertermin\b|\blivraison\b|\bbuyer\b|\bseller\b|\bentrega\b"), 0.7),
    ];

    /// <summary>Cue words that mean little alone but suggest some business document (invoice, receipt or order).</summary>
    [GeneratedRegex(@"\b(?:total|subtotal|summe|gesamt|montant|importe|amount|vat|tax|mwst|ust|tva|iva|price|preis|prix|precio)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Commercial();

    [GeneratedRegex(@"\b(?:cash|tendered|paid|card|visa|master|bar|gegeben|esp[eè]ces|efectivo|entregado)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Tendered();

    [GeneratedRegex(@"\b(?:change|rounding|r[üu]ckgeld|rendu|monnaie\s+rendue|cambio|vuelto)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ChangeGiven();

    public static Classification Classify(DocumentText text)
    {
        var full = text.FullText;
        var lines = full.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var title = string.Join('\n', lines.Take(12));
        var scores = Enum.GetValues<DocumentType>().ToDictionary(t => t, _ => 0.0);

        foreach (var cue in Cues)
        {
            var inTitle = cue.Pattern.Count(title);
            var inBody = Math.Min(cue.Pattern.Count(full) - inTitle, 6);
            // The title counts double; repeats in the body add less and less.
            scores[cue.Type] += cue.Weight * (2.0 * Math.Min(inTitle, 2) + Math.Sqrt(Math.Max(inBody, 0)));
        }

        // A credit note always refers to the invoice it corrects; that mention is no evidence for an invoice.
        if (scores[DocumentType.CreditNote] > 0) scores[DocumentType.Invoice] *= 0.4;

        // Paid on the spot: tendered and change together say receipt even under a "TAX INVOICE" heading.
        if (Tendered().IsMatch(full) && ChangeGiven().IsMatch(full)) scores[DocumentType.Receipt] += 5.0;

        // A receipt is short and narrow; an invoice has more lines and words.
        var words = full.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        if (words > 0 && words < 180) scores[DocumentType.Receipt] += 0.8;
        if (words > 350) scores[DocumentType.Invoice] += 0.8;

        var commercial = Commercial().Count(full);
        var evidence = scores.Where(s => s.Key != DocumentType.Other).Sum(s => s.Value);
        scores[DocumentType.Other] = commercial == 0 ? 2.0 : Math.Max(0.0, 1.5 - 0.3 * commercial);

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

    private static Regex R(string pattern) => new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
