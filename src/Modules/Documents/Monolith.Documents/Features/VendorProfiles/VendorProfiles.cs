using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Monolith.BuildingBlocks.Web;
using Monolith.Documents.Extraction;
using Monolith.Documents.Learning;
using Wolverine.Http;

namespace Monolith.Documents.Features.VendorProfiles;

/// <summary>A learned vendor as the API shows it: how it is recognised and what reviewers taught it.</summary>
public sealed record VendorProfileView(Guid Id, string? Name, int Documents, int Corrections, IReadOnlyList<string> TaxIds,
    IReadOnlyList<string> Ibans, IReadOnlyList<string> Letterhead, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Values,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Anchors, DateTimeOffset LearnedAt)
{
    public static VendorProfileView From(VendorProfile p) => new(p.Id, p.Value(FieldNames.VendorName)?.Value, p.Documents, p.Corrections,
        p.TaxIds, p.Ibans, p.StableHeader().Order(StringComparer.Ordinal).ToList(),
        p.Values.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, int>)kv.Value),
        p.Anchors.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, int>)kv.Value), p.LearnedAt);
}

public static class VendorProfilesEndpoints
{
    /// <summary>This customer's vendor memory: the vendors its reviewers taught, most recently taught first. Each lesson
    /// is a <c>vendor_profile_learned</c> event on the profile's stream; a document's <c>document_vendor_recognized</c>
    /// event names the profile applied to it.</summary>
    [WolverineGet("/api/documents/vendors", OperationId = "ListVendorProfiles")]
    [Tags("Documents")]
    [ProducesResponseType<Page<VendorProfileView>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public static async Task<IResult> List(IQuerySession session, int? page, int? pageSize, CancellationToken ct)
    {
        if (!PageRequest.TryCreate(page, pageSize, out var paging, out var errors)) return Results.ValidationProblem(errors);
        var total = await session.Query<VendorProfile>().CountAsync(ct);
        var profiles = await session.Query<VendorProfile>().OrderByDescending(p => p.LearnedAt).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return Results.Ok(new Page<VendorProfileView>(profiles.Select(VendorProfileView.From).ToList(), paging.Page, paging.PageSize, total));
    }
}
