using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace Monolith.Supplier.Features.GetSupplierAnalysis;

public sealed record SupplierAnalysisView(Guid Id, string Url, string Domain, string Country, string Currency, string Status,
    DateTimeOffset RequestedAt, int Version)
{
    public static SupplierAnalysisView From(SupplierAnalysis a) =>
        new(a.Id, a.Url, a.Domain, a.Country, a.Currency, a.Status.ToString(), a.RequestedAt, a.Version);
}

public static class GetSupplierAnalysisEndpoint
{
    /// <summary>The analysis, for the request's tenant only: another tenant's id is a 404, never a 403.</summary>
    [WolverineGet("/api/supplier-analyses/{id}", OperationId = "GetSupplierAnalysis")]
    [Tags("Supplier")]
    [ProducesResponseType<SupplierAnalysisView>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public static SupplierAnalysisView Get(Guid id, [ReadAggregate] SupplierAnalysis analysis) => SupplierAnalysisView.From(analysis);
}
