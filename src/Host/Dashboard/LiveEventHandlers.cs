using Monolith.Documents.Contracts;
using Monolith.Supplier.Contracts;
using Wolverine;

namespace Monolith.Host.Dashboard;

/// <summary>
/// Feeds the dashboard's live stream from other modules' contract messages. With
/// <c>MultipleHandlerBehavior.Separated</c> each of these runs on its own local queue, apart from the Analytics
/// handlers of the same messages, so a failure here can never affect them (and these never touch the database).
/// The tenant is the one the message was published for.
/// </summary>
public static class DocumentLiveEventsHandler
{
    public static void Handle(DocumentReceived message, Envelope envelope, LiveEventHub hub) =>
        hub.Publish(TenantOf(envelope), new LiveEvent("document-received", message.DocumentId.ToString(), "Received",
            message.Department, message.ReceivedAt));

    public static void Handle(DocumentProcessed message, Envelope envelope, LiveEventHub hub) =>
        hub.Publish(TenantOf(envelope), new LiveEvent("document-processed", message.DocumentId.ToString(),
            message.Decision ?? message.Status, message.Department, message.CompletedAt));

    public static void Handle(DocumentReviewCompleted message, Envelope envelope, LiveEventHub hub) =>
        hub.Publish(TenantOf(envelope), new LiveEvent("document-reviewed", message.DocumentId.ToString(),
            message.Approved ? "Approved" : "Rejected", message.Department, message.ReviewedAt));

    internal static string TenantOf(Envelope envelope) =>
        string.IsNullOrWhiteSpace(envelope.TenantId) ? "default" : envelope.TenantId;
}

public static class SupplierLiveEventsHandler
{
    public static void Handle(SupplierAnalysisRequested message, Envelope envelope, LiveEventHub hub) =>
        hub.Publish(DocumentLiveEventsHandler.TenantOf(envelope), new LiveEvent("supplier-analysis-requested",
            message.AnalysisId.ToString(), "Requested", null, message.RequestedAt));

    public static void Handle(SupplierAnalysisCompleted message, Envelope envelope, LiveEventHub hub) =>
        hub.Publish(DocumentLiveEventsHandler.TenantOf(envelope), new LiveEvent("supplier-analysis-completed",
            message.AnalysisId.ToString(), message.Status, null, message.CompletedAt));
}

public static class ProspectLiveEventsHandler
{
    public static void Handle(Prospect.Contracts.ProspectAnalysisRequested message, Envelope envelope, LiveEventHub hub) =>
        hub.Publish(DocumentLiveEventsHandler.TenantOf(envelope), new LiveEvent("prospect-analysis-requested",
            message.AnalysisId.ToString(), "Requested", null, message.RequestedAt));

    public static void Handle(Prospect.Contracts.ProspectAnalysisCompleted message, Envelope envelope, LiveEventHub hub) =>
        hub.Publish(DocumentLiveEventsHandler.TenantOf(envelope), new LiveEvent("prospect-analysis-completed",
            message.AnalysisId.ToString(), message.Status, null, message.CompletedAt));
}
