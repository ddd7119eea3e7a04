using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Monolith.BuildingBlocks.Access;
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
        var total = await session.Query<VendorProfile>().Where(p => !p.Forgotten).CountAsync(ct);
        var profiles = await session.Query<VendorProfile>().Where(p => !p.Forgotten).OrderByDescending(p => p.LearnedAt)
            .Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return Results.Ok(new Page<VendorProfileView>(profiles.Select(VendorProfileView.From).ToList(), paging.Page, paging.PageSize, total));
    }

    /// <summary>Forget a vendor profile (admins): a wrong lesson must not be applied again. The lessons stay in the event
    /// store as the audit trail; the profile is no longer listed or matched, and the vendor's next approved document starts
    /// a new one.</summary>
    [RequiresRole(AccessRole.Admin)]
    [WolverineDelete("/api/documents/vendors/{id}", OperationId = "ForgetVendorProfile")]
    [Tags("Documents")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Forget(Guid id, string? reason, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var profile = await session.LoadAsync<VendorProfile>(id, ct);
        if (profile is null || profile.Forgotten)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Vendor profile not found", detail: $"No vendor profile {id} for this customer.");
        var by = http.User.Identity?.Name ?? "admin";
        session.Events.Append(id, new VendorProfileForgotten(id, by, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim()[..Math.Min(reason.Trim().Length, 500)], clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        return Results.NoContent();
    }
}
