namespace Monolith.Supplier.Contracts;

/// <summary>Published (through the durable outbox) when a customer asks for a supplier analysis of a website.</summary>
/// <param name="AnalysisId">The supplier analysis stream id.</param>
/// <param name="Domain">Company domain, e.g. <c>example.com</c>, the key of per-company history.</param>
/// <param name="Url">Canonical website URL.</param>
/// <param name="Country">ISO 3166-1 alpha-2.</param>
/// <param name="RequestedAt">When the request was accepted.</param>
public sealed record SupplierAnalysisRequested(Guid AnalysisId, string Domain, string Url, string Country, DateTimeOffset RequestedAt);
