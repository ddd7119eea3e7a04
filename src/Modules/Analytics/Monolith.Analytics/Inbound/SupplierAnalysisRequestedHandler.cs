using Marten;
using Monolith.Supplier.Contracts;

namespace Monolith.Analytics.Inbound;

/// <summary>Adds a requested supplier analysis to the company's history (runs for the message's tenant).</summary>
public static class SupplierAnalysisRequestedHandler
{
    public static async Task Handle(SupplierAnalysisRequested message, IDocumentSession session, CancellationToken ct)
    {
        var observed = new CompanyAnalysisObserved(message.Domain, message.AnalysisId, "supplier", message.Url, message.Country,
            message.RequestedAt);
        var stream = await session.Events.FetchForWriting<CompanyHistory>(CompanyHistory.StreamIdFor(message.Domain), ct);
        stream.AppendMany(CompanyHistoryDecider.Decide(stream.Aggregate, observed).ToArray());
    }
}
