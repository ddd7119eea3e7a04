using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Monolith.Documents.Extraction.EInvoice;

/// <summary>Parses the XML of a structured e-invoice or e-order into our fields.</summary>
public static class EInvoiceXml
{
    public const string Provider = "einvoice";

    /// <summary>Real e-invoices are tens of kilobytes; a few megabytes covers thousands of lines.</summary>
    public const int DefaultMaxBytes = 8 * 1024 * 1024;

    internal const string CiiNamespace = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
    internal const string Zugferd1Namespace = "urn:ferd:CrossIndustryDocument:invoice:1p0";
    internal const string OrderXNamespace = "urn:un:unece:uncefact:data:SCRDMCCBDACIOMessageStructure:100";
    internal const string UblInvoiceNamespace = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
    internal const string UblCreditNoteNamespace = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";

    public static EInvoiceOutcome Parse(ReadOnlyMemory<byte> xml, int maxBytes = DefaultMaxBytes)
    {
        if (xml.Length > maxBytes)
            return EInvoiceOutcome.Failed(EInvoiceFailures.TooLarge);
        var document = Load(xml, maxBytes);
        if (document?.Root is not { } root)
            return EInvoiceOutcome.Failed(EInvoiceFailures.MalformedXml);

        var result = (root.Name.NamespaceName, root.Name.LocalName) switch
        {
            (CiiNamespace, "CrossIndustryInvoice") => CrossIndustry.Read(root, EInvoiceFormats.Cii),
            (Zugferd1Namespace, "CrossIndustryDocument") => CrossIndustry.Read(root, EInvoiceFormats.Zugferd1),
            (OrderXNamespace, "SCRDMCCBDACIOMessageStructure") => CrossIndustry.Read(root, EInvoiceFormats.OrderX),
            (UblInvoiceNamespace, "Invoice") => Ubl.Read(root, creditNote: false),
            (UblCreditNoteNamespace, "CreditNote") => Ubl.Read(root, creditNote: true),
            _ => null,
        };
        return result is null ? EInvoiceOutcome.Failed(EInvoiceFailures.UnknownFormat) : new EInvoiceOutcome(result, null);
    }

    /// <summary>Loads without DTDs or external resolution (no XXE, no entity expansion bombs) and with a character cap.</summary>
    private static XDocument? Load(ReadOnlyMemory<byte> xml, int maxBytes)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = maxBytes,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(xml.ToArray(), writable: false), settings);
            return XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    internal static ExtractedField Text(string name, string value) => new(name, value, null, null, 1.0, Provider, null);

    internal static ExtractedField Number(string name, decimal value) => new(name, null, value, null, 1.0, Provider, null);

    internal static ExtractedField Date(string name, DateOnly value) => new(name, null, null, value, 1.0, Provider, null);

    internal static decimal? ParseDecimal(string? value) =>
        decimal.TryParse(value?.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d : null;

    /// <summary>CII date strings: format 102 (yyyyMMdd), 203 (yyyyMMddHHmm); ISO 8601 as UBL and some ZUGFeRD 1.0 writers use.</summary>
    internal static DateOnly? ParseDate(string? value, string? format = null)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
            return null;
        if ((format is null or "102" or "203") && text.Length >= 8 && text.AsSpan(0, 8).IndexOfAnyExceptInRange('0', '9') < 0
            && DateOnly.TryParseExact(text.AsSpan(0, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var compact))
            return compact;
        if (format is null && text.Length >= 10
            && DateOnly.TryParseExact(text.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
            return iso;
        return null;
    }

    /// <summary>Names and addresses in e-invoices are sometimes split over lines inside one element; we want one line.</summary>
    internal static string? Clean(string? value)
    {
        if (value is null)
            return null;
        var joined = string.Join(' ', value.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
        return joined.Length == 0 ? null : joined;
    }
}

/// <summary>The fields read from an e-invoice; values that are absent or blank are simply not added.</summary>
internal sealed class EInvoiceFields : List<ExtractedField>
{
    public void AddText(string name, string? value)
    {
        if (EInvoiceXml.Clean(value) is { } text) Add(EInvoiceXml.Text(name, text));
    }

    public void AddNumber(string name, decimal? value)
    {
        if (value is { } number) Add(EInvoiceXml.Number(name, number));
    }

    public void AddDate(string name, DateOnly? value)
    {
        if (value is { } date) Add(EInvoiceXml.Date(name, date));
    }
}
