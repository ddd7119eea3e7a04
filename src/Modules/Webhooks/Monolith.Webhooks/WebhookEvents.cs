using Monolith.Documents.Contracts;
using Monolith.Prospect.Contracts;
using Monolith.Supplier.Contracts;

namespace Monolith.Webhooks;

/// <summary>
/// Something a customer can subscribe to, ready to deliver. <paramref name="Key"/> names this occurrence (the same
/// contract message handled twice gives the same key), so a subscription gets one delivery per occurrence.
/// </summary>
public sealed record WebhookEvent(string Type, string Key, DateTimeOffset OccurredAt, object Data);

/// <summary>The event names and how each is made from another module's contract message. Pure.</summary>
public static class WebhookEvents
{
    public const string DocumentDecided = "document.decided";
    public const string DocumentReviewed = "document.reviewed";
    public const string SupplierAnalysisFinished = "supplier-analysis.finished";
    public const string ProspectAnalysisFinished = "prospect-analysis.finished";

    public static readonly IReadOnlyList<string> All = [DocumentDecided, DocumentReviewed, SupplierAnalysisFinished, ProspectAnalysisFinished];

    /// <summary>The known name <paramref name="name"/> stands for (case and surrounding spaces ignored), or null.</summary>
    public static string? Normalise(string? name)
    {
        var trimmed = name?.Trim().ToLowerInvariant();
        return trimmed is not null && All.Contains(trimmed) ? trimmed : null;
    }

    /// <summary>Whether a subscription to <paramref name="subscribed"/> receives <paramref name="type"/>.</summary>
    public static bool Matches(IEnumerable<string> subscribed, string type) =>
        subscribed.Contains(type, StringComparer.Ordinal);

    /// <summary>
    /// Only a document that reached a decision (automated, review or manual); a document that failed without one is not
    /// "decided".
    /// </summary>
    public static WebhookEvent? From(DocumentProcessed m)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (m.Decision is null || m.Status == "Failed") return null;
        return new(DocumentDecided, $"{DocumentDecided}/{m.DocumentId:N}/{m.CompletedAt.UtcTicks}", m.CompletedAt, new
        {
            documentId = m.DocumentId,
            status = m.Status,
            decision = m.Decision,
            documentType = m.DocumentType,
            department = m.Department,
            automationScore = m.AutomationScore,
            link = $"/api/documents/{m.DocumentId}",
        });
    }

    public static WebhookEvent From(DocumentReviewCompleted m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(DocumentReviewed, $"{DocumentReviewed}/{m.DocumentId:N}/{m.ReviewedAt.UtcTicks}", m.ReviewedAt, new
        {
            documentId = m.DocumentId,
            approved = m.Approved,
            correctedFields = m.CorrectedFields,
            documentType = m.DocumentType,
            department = m.Department,
            link = $"/api/documents/{m.DocumentId}",
        });
    }

    public static WebhookEvent From(SupplierAnalysisCompleted m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(SupplierAnalysisFinished, $"{SupplierAnalysisFinished}/{m.AnalysisId:N}/{m.Run}", m.CompletedAt, new
        {
            analysisId = m.AnalysisId,
            status = m.Status,
            domain = m.Domain,
            country = m.Country,
            companyName = m.CompanyName,
            industry = m.Industry is null ? null : new { code = m.Industry.Code, label = m.Industry.Label },
            clusters = m.Clusters.Count,
            link = $"/api/supplier-analyses/{m.AnalysisId}",
        });
    }

    public static WebhookEvent From(ProspectAnalysisCompleted m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(ProspectAnalysisFinished, $"{ProspectAnalysisFinished}/{m.AnalysisId:N}/{m.Run}", m.CompletedAt, new
        {
            analysisId = m.AnalysisId,
            supplierAnalysisId = m.SupplierAnalysisId,
            status = m.Status,
            domain = m.Domain,
            country = m.Country,
            companyName = m.CompanyName,
            industryCode = m.IndustryCode,
            employees = m.Employees,
            bestCluster = m.BestCluster is null ? null : new { id = m.BestCluster.ClusterId, name = m.BestCluster.ClusterName, fit = m.BestCluster.Fit },
            opportunity = m.Opportunity is null ? null
                : new { currency = m.Opportunity.Currency, low = m.Opportunity.Low, expected = m.Opportunity.Expected, high = m.Opportunity.High },
            link = $"/api/prospect-analyses/{m.AnalysisId}",
        });
    }
}
