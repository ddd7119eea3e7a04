using Monolith.Documents.Extraction;

namespace Monolith.Documents.Classification;

/// <summary>
/// Which remote models to ask when the local classifier is unsure: the models of the likeliest types only (at most
/// <paramref name="maxModels"/>, distinct), so an unsure document costs one or two calls, never one per model.
/// </summary>
public static class RemoteClassification
{
    public static IReadOnlyList<DocumentType> Candidates(Classification local, int maxModels, Func<DocumentType, string> modelFor)
    {
        var ranked = local.Scores.Where(s => s.Key != DocumentType.Other).OrderByDescending(s => s.Value).Select(s => s.Key).ToList();
        if (ranked.Count == 0) ranked = [DocumentType.Invoice, DocumentType.Receipt];
        if (!ranked.Contains(local.Type) && local.Type != DocumentType.Other) ranked.Insert(0, local.Type);
        // Scans (no text) carry no scores: the two common kinds.
        if (ranked.Count == 1) ranked.Add(ranked[0] == DocumentType.Receipt ? DocumentType.Invoice : DocumentType.Receipt);
        return ranked.DistinctBy(modelFor).Take(maxModels).ToList();
    }

    /// <summary>Our type for a remote <c>docType</c> (e.g. <c>invoice</c>, <c>receipt.retailMeal</c>); null when unknown.</summary>
    public static DocumentType? FromRemote(string? docType) => docType?.ToLowerInvariant() switch
    {
        null => null,
        var d when d.StartsWith("receipt", StringComparison.Ordinal) => DocumentType.Receipt,
        var d when d.StartsWith("invoice", StringComparison.Ordinal) => DocumentType.Invoice,
        var d when d.Contains("creditnote", StringComparison.Ordinal) || d.Contains("credit", StringComparison.Ordinal) => DocumentType.CreditNote,
        var d when d.Contains("purchaseorder", StringComparison.Ordinal) || d.Contains("order", StringComparison.Ordinal) => DocumentType.PurchaseOrder,
        _ => null,
    };
}
