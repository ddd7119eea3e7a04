namespace Monolith.Documents.Extraction.EInvoice;

/// <summary>
/// The monetary structure of an e-invoice as its issuer wrote it (EN 16931 BG-22 document totals, BG-20/21 document
/// allowances and charges, BG-23 tax breakdown, BG-25 lines): what the calculation rules BR-CO-10…16 check.
/// Absent amounts stay null; nothing is derived here.
/// </summary>
public sealed record EInvoiceTotals(
    IReadOnlyList<EInvoiceLine> Lines,
    IReadOnlyList<DocumentAllowanceCharge> AllowancesAndCharges,
    IReadOnlyList<TaxCategoryBreakdown> TaxBreakdown,
    decimal? LineTotal,
    decimal? AllowanceTotal,
    decimal? ChargeTotal,
    decimal? TaxBasisTotal,
    decimal? TaxTotal,
    decimal? GrandTotal,
    decimal? PrepaidAmount,
    decimal? RoundingAmount,
    decimal? AmountDue,
    IReadOnlyList<string> PayeeIbans)
{
    public static readonly EInvoiceTotals Empty = new([], [], [], null, null, null, null, null, null, null, null, null, []);
}

/// <summary>
/// One invoice line (BG-25). <see cref="ParentId"/> is set for a sub-line (Factur-X/ZUGFeRD Extended <c>ParentLineID</c>,
/// a nested <c>IncludedSubordinateTradeLineItem</c>, UBL <c>SubInvoiceLine</c>); <see cref="Status"/> is the Extended
/// profile's line status reason (<c>DETAIL</c> sub-line, <c>GROUP</c> grouping line, <c>INFORMATION</c> for information only).
/// </summary>
public sealed record EInvoiceLine(string? Id, decimal? NetAmount, string? ParentId = null, string? Status = null)
{
    public const string DetailStatus = "DETAIL";
    public const string InformationStatus = "INFORMATION";

    /// <summary>A sub-line's amount is already part of its parent's (or group's) amount.</summary>
    public bool IsSubLine => ParentId is not null || string.Equals(Status, DetailStatus, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the line's net amount enters the sum of line net amounts (BT-106).</summary>
    public bool CountsInLineTotal => NetAmount is not null && !IsSubLine
        && !string.Equals(Status, InformationStatus, StringComparison.OrdinalIgnoreCase);
}

/// <summary>A document-level allowance (BG-20) or charge (BG-21), with the VAT category and rate it falls under.</summary>
public sealed record DocumentAllowanceCharge(bool IsCharge, decimal Amount, string? Reason, string? TaxCategory, decimal? TaxRate);

/// <summary>One VAT (or other tax) category of the breakdown (BG-23): taxable amount, rate and tax.</summary>
public sealed record TaxCategoryBreakdown(string? TaxType, string? Category, decimal? Rate, decimal? TaxableAmount, decimal? TaxAmount);
