using Marten;
using Monolith.Companies.Contracts;
using Monolith.Supplier.Contracts;

namespace Monolith.Prospect.Inbound;

/// <summary>
/// The Prospect module's own copy of what it needs from a supplier analysis — its status and clusters — kept from the
/// Supplier module's contract messages (modules never read each other's data). Id = the supplier analysis id.
/// </summary>
public sealed class SupplierReference
{
    public Guid Id { get; set; }
    public string Domain { get; set; } = "";
    public string Country { get; set; } = "";
    public string Status { get; set; } = "Requested";
    public string? CompanyName { get; set; }
    public List<CustomerCluster> Clusters { get; set; } = [];
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    public bool IsFinished => CompletedAt is not null;
}

/// <summary>Pure: the reference after a contract message (a late <c>Requested</c> never overwrites a finished analysis).</summary>
public static class SupplierReferenceDecider
{
    public static SupplierReference? Requested(SupplierReference? current, SupplierAnalysisRequested m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return current is not null ? null : new SupplierReference { Id = m.AnalysisId, Domain = m.Domain, Country = m.Country, RequestedAt = m.RequestedAt };
    }

    public static SupplierReference Completed(SupplierAnalysisCompleted m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new SupplierReference
        {
            Id = m.AnalysisId, Domain = m.Domain, Country = m.Country, Status = m.Status, CompanyName = m.CompanyName,
            Clusters = m.Clusters.Select(ToCluster).ToList(), RequestedAt = m.RequestedAt, CompletedAt = m.CompletedAt,
        };
    }

    public static CustomerCluster ToCluster(SupplierCluster c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, c.Name, c.Industries.Select(i => new IndustryCode(i.Code, i.Label)).ToList(),
            c.SizeBands.Select(b => Enum.TryParse<CompanySizeBand>(b, true, out var band) ? band : (CompanySizeBand?)null)
                .Where(b => b is not null).Select(b => b!.Value).ToList(),
            c.BuyerRoles, c.Pains, c.SpendCategories, c.Rationale);
    }
}

public static class SupplierReferenceHandler
{
    public static async Task Handle(SupplierAnalysisRequested message, IDocumentSession session, CancellationToken ct)
    {
        var current = await session.LoadAsync<SupplierReference>(message.AnalysisId, ct);
        if (SupplierReferenceDecider.Requested(current, message) is { } created) session.Store(created);
    }

    public static void Handle(SupplierAnalysisCompleted message, IDocumentSession session) =>
        session.Store(SupplierReferenceDecider.Completed(message));
}
