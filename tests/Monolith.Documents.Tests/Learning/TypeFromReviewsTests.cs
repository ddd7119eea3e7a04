using System.Text;
using System.Text.Json;
using Alba;
using Monolith.Documents.Extraction;
using Monolith.Documents.Features.Review;
using Monolith.Documents.Learning;
using Monolith.Documents.Scoring;
using Monolith.Documents.Tests.Features;
using Monolith.Testing;

namespace Monolith.Documents.Tests.Learning;

/// <summary>A reviewer corrects a document's type; the vendor's profile learns it.</summary>
public class when_a_reviewer_corrects_the_type
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    private static ProcessedDocument TakenForAnInvoice()
    {
        var id = Guid.CreateVersion7();
        var document = ProcessedDocument.Create(new DocumentAccepted(id, "slip.txt", "text/plain", 100, "hash", null, null, Now.AddHours(-1)));
        List<ExtractedField> fields =
        [
            new(FieldNames.VendorName, "KEDAI MAJU", null, null, 0.9, "local", 1),
            new(FieldNames.InvoiceDate, null, null, new DateOnly(2026, 2, 1), 0.9, "local", 1),
            new(FieldNames.Total, null, 12.50m, null, 0.9, "local", 1),
        ];
        document.Apply(new DocumentClassified(id, DocumentType.Invoice, 0.35, "local", [], Now));
        document.Apply(new DocumentFieldsExtracted(id, "local", fields, [], [], Now));
        document.Apply(new DocumentScored(id, new Scores(0.5, 0.6, 1, 0.6), Decision.NeedsReview, ["completeness"], "v", Now));
        return document;
    }

    [Fact]
    public void the_type_is_corrected_first_the_fields_renamed_and_the_receipts_rules_decide()
    {
        var document = TakenForAnInvoice();
        var (events, problems) = ReviewDecider.Decide(document, new ReviewDocument("approve", null, "maria", null, DocumentType: "receipt"),
            new AutomationSettings(), null, Now);

        Assert.Empty(problems);
        var corrected = Assert.IsType<DocumentTypeCorrected>(events[0]);
        Assert.Equal((DocumentType.Invoice, DocumentType.Receipt), (corrected.OldType!.Value, corrected.NewType));
        var revalidated = Assert.IsType<DocumentRevalidated>(events[1]);
        // As a receipt it has what it needs (merchant, date, total); as an invoice it lacked a number and a currency.
        Assert.Contains(revalidated.Rules, r => r.Rule == "required-fields" && r.Passed);
        Assert.Equal(1, Assert.IsType<DocumentReviewed>(events[^1]).Corrections);

        document.Apply(corrected);
        Assert.Equal(DocumentType.Receipt, document.DocumentType);
        Assert.Contains(document.Fields, f => f.Name == FieldNames.MerchantName && f.Text == "KEDAI MAJU");
        Assert.Contains(document.Fields, f => f.Name == FieldNames.TransactionDate);
        Assert.Contains(ProcessedDocument.TypeField, document.CorrectedFields);
    }

    [Fact]
    public void an_unknown_type_is_a_problem_named_after_the_field()
    {
        var (events, problems) = ReviewDecider.Decide(TakenForAnInvoice(), new ReviewDocument("approve", null, null, null, DocumentType: "7"),
            new AutomationSettings(), null, Now);
        Assert.Empty(events);
        Assert.Contains("Receipt", Assert.Single(problems["documentType"]), StringComparison.Ordinal);
    }

    [Fact]
    public void a_profile_learns_a_type_only_when_its_reviewed_documents_agree()
    {
        VendorProfileLearned Lesson(Guid profile, DocumentType type) => new(profile, Guid.NewGuid(), [], [], ["KEDAI"], [], 1, Now, type);
        var id = Guid.NewGuid();
        var profile = VendorProfile.Create(Lesson(id, DocumentType.Receipt));
        Assert.Null(profile.LearnedType());
        profile.Apply(Lesson(id, DocumentType.Receipt));
        Assert.Equal((DocumentType.Receipt, 2), profile.LearnedType());
        profile.Apply(Lesson(id, DocumentType.CreditNote));
        Assert.Null(profile.LearnedType());
    }
}

/// <summary>The type learned from reviews, end to end: the vendor's next document is classified by vendor memory.</summary>
public class when_reviewers_keep_correcting_a_vendors_type(DocumentsFixture app) : IClassFixture<DocumentsFixture>
{
    // A till slip headed "TAX INVOICE" without tender lines: whatever the local classifier makes of it, the reviewers
    // teach the other of invoice and receipt.
    private static byte[] Slip(int n) => Encoding.UTF8.GetBytes(FormattableString.Invariant($"""
        TAX INVOICE
        KEDAI RUNCIT MAJU JAYA
        LOT 5 JALAN BUNGA RAYA 75100 MELAKA
        DOC NO {Guid.NewGuid():N}
        DATE {n + 1:00}/03/2024
        GOODS             {n + 3}.00
        TOTAL RM          {n + 3}.00
        """));

    [Fact]
    public async Task the_next_document_is_classified_by_what_they_taught()
    {
        const string tenant = "type-co";
        string? taught = null;
        for (var n = 0; n < 2; n++)
        {
            var document = await app.Host.UploadAndWaitAsync(Slip(n), tenant);
            var local = document.GetProperty("documentType").GetString();
            taught ??= local == "Receipt" ? "Invoice" : "Receipt";
            Assert.NotEqual(taught, local);
            await app.Host.Scenario(s =>
            {
                s.Post.Json(new { action = "approve", reviewer = "maria", documentType = taught }).ToUrl($"/api/documents/{document.GetProperty("id").GetGuid()}/review");
                s.WithRequestHeader("X-Customer-Id", tenant);
                s.StatusCodeShouldBeOk();
            });
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (DateTime.UtcNow < deadline)
            {
                var vendors = await app.Host.GetJsonAsync<JsonElement>("/api/documents/vendors", tenant);
                if (vendors.GetProperty("items").EnumerateArray().Sum(v => v.GetProperty("documents").GetInt32()) == n + 1) break;
                await Task.Delay(100);
            }
        }

        var next = await app.Host.UploadAndWaitAsync(Slip(5), tenant);
        Assert.Equal(taught, next.GetProperty("documentType").GetString());
        Assert.Equal("vendor-memory", next.GetProperty("classificationMethod").GetString());
        Assert.True(next.GetProperty("fields").TryGetProperty(taught == "Receipt" ? "merchantName" : "vendorName", out _));
    }
}
