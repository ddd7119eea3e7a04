using Marten;
using Microsoft.Extensions.Logging;
using Monolith.Documents.Storage;

namespace Monolith.Documents.Learning;

/// <summary>A person approved document <see cref="DocumentId"/>: teach its vendor's profile what the review confirmed.</summary>
public sealed record LearnFromReview(Guid DocumentId);

/// <summary>
/// Vendor memory's I/O: reads the approved document (its fields as the reviewer left them) and its text, recognises the
/// vendor among this customer's profiles (or starts one) and appends <see cref="VendorProfileLearned"/>. Idempotent: a
/// profile remembers which documents taught it, so a redelivered message teaches nothing twice.
/// </summary>
public static class LearnFromReviewHandler
{
    public static async Task Handle(LearnFromReview command, IDocumentSession session, TimeProvider clock, ILogger<LearnFromReview> logger,
        CancellationToken ct)
    {
        var document = await session.LoadAsync<ProcessedDocument>(command.DocumentId, ct);
        var text = await session.LoadAsync<DocumentTextRecord>(command.DocumentId, ct);
        if (document is not { Status: DocumentStatus.Approved } || text is null || text.Text.IsEmpty) return;

        var profiles = await session.Query<VendorProfile>().ToListAsync(ct);
        if (profiles.Any(p => p.LearnedFrom.Contains(document.Id))) return;

        var (fingerprint, learned) = VendorMemory.Learn(text.Text, document.Fields);
        if (learned.Count == 0 && fingerprint.Header.Count == 0) return;
        var match = VendorMemory.Recognise(fingerprint, profiles);
        // A new vendor's profile id is derived from the document that taught it first (a redelivery starts the same stream).
        var id = match?.Profile.Id ?? ProfileIdFor(document.Id);
        var e = new VendorProfileLearned(id, document.Id, fingerprint.TaxIds, fingerprint.Ibans, fingerprint.Header, learned,
            document.CorrectedFields.Count, clock.GetUtcNow(), document.DocumentType);
        if (match is null) session.Events.StartStream<VendorProfile>(id, e);
        else session.Events.Append(id, e);
        await session.SaveChangesAsync(ct);
        logger.LogInformation("Vendor profile {ProfileId} learned {Fields} fields from document {DocumentId} ({How})", id, learned.Count,
            document.Id, match?.MatchedBy ?? "new vendor");
    }

    internal static Guid ProfileIdFor(Guid documentId)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("vendor-profile/" + documentId.ToString("N")));
        return new Guid(hash.AsSpan(0, 16));
    }
}
