using System.Text.RegularExpressions;

namespace Monolith.Documents.Extraction.Local;

/// <summary>A label found on a line: the field it names and its character range.</summary>
internal sealed record LabelSpan(string Field, int Start, int End);

/// <summary>
/// The printed labels of each field in English, German, French and Spanish (plus a few common others).
/// When labels overlap on a line the longest wins, so "Subtotal" beats "total" and "VAT No" beats "VAT".
/// </summary>
internal static class LocalLabels
{
    public const string CustomerBlock = "customerBlock";
    public const string VendorBlock = "vendorBlock";
    public const string CustomerNumber = "customerNumber";

    public static readonly (string Field, Regex Pattern)[] All =
    [
        (FieldNames.InvoiceNumber, R(@"(?:tax {1,2})?(?:invoice|inv|bill|receipt|document|doc|rechnung|beleg|facture|factura|faktura|credit {1,2}note|gutschrift|avoir|ticket|check|chk|transaction|trans|slip|order|bestellung|commande|pedido) {0,2}(?:no\b\.?|number|num\b\.?|nr\b\.?|nummer|n[°º]|#|id\b|ref\b)|rechnungs-?(?:nummer|nr\.?)|belegnummer|beleg-?nr\.?|n[°º] {0,2}(?:de {1,2})?(?:facture|factura|pedido|commande)|n[úu]m[ée]ro {1,2}de {1,2}(?:la {1,2})?(?:facture|factura|commande|pedido)|(?:facture|factura) {1,2}n[°ºo]\.?|invoice {0,2}#|invoice(?= {0,2}:)|bestellnummer|auftragsnummer|order {1,2}id|factuur {0,2}(?:nummer|nr\.?)|ordernummer|bestelnummer|(?<=^\s*)(?:tax {1,2})?(?:invoice|rechnung|facture|factura|factuur)(?= {1,3}(?=[A-Za-z0-9/#._-]*\d)[A-Za-z0-9][A-Za-z0-9/#._-]{3,} *$)")),
        (FieldNames.InvoiceDate, R(@"(?:invoice|bill|receipt|document|order|issue|transaction|trans) {1,2}date|date {1,2}of {1,2}(?:issue|invoice)|issued(?: {1,2}on)?|date {1,2}de {1,2}(?:la {1,2})?facture|date {1,2}d'[ée]mission|date {1,2}de {1,2}commande|rechnungsdatum|belegdatum|bestelldatum|leistungsdatum|factuur {0,2}datum|datum|fecha(?: {1,2}de {1,2}(?:la {1,2})?(?:factura|emisi[oó]n|expedici[oó]n|pedido))?|\bdate\b|dated|data {1,2}wystawienia")),
        (FieldNames.DueDate, R(@"due {1,2}date|date {1,2}due|payment {1,2}due(?: {1,2}date)?|due {1,2}on|due {1,2}by|pay(?:able)? {1,2}by|f[äa]lligkeit(?:sdatum)?|f[äa]llig(?: {1,2}am| {1,2}bis)?|zahlbar(?: {1,2}innerhalb {1,2}\d{1,3} {1,2}tag(?:en|e)?)?(?: {1,2}(?:rein {1,2})?netto)? {1,2}bis|(?:payable|due) {1,2}within {1,2}\d{1,3} {1,2}days(?: {1,2}net)? {1,2}(?:by|until|on)|zahlungsziel|date {1,2}d'[ée]ch[ée]ance|[ée]ch[ée]ance|fecha {1,2}de {1,2}vencimiento|vencimiento|vervaldatum|termin {1,2}p[łl]atno[śs]ci")),
        (FieldNames.PurchaseOrder, R(@"p\.? ?o\.? {0,2}(?:no\b\.?|number|#)|purchase {1,2}order(?: {1,2}(?:no\b\.?|number|#))?|your {1,2}order|customer {1,2}order(?: {1,2}(?:no\b\.?|number))?|ihre {1,2}bestellung|bestellnr\.?|bon {1,2}de {1,2}commande|votre {1,2}commande|orden {1,2}de {1,2}compra|su {1,2}pedido")),
        (FieldNames.Total, R(@"total {1,2}rounded|(?:grand {1,2}|net {1,2}|rounded? {1,2}|round {0,2}d {1,2}|invoice {1,2}|nett {1,2})?total(?! {0,2}(?:amount {1,2}of {1,2}lines|lines?\b|qty|quantity|items?|excl|exclusive|excluding|before|discount|saving|tax\b|vat\b|ht\b|net\b|weight|units?|pcs|gst {0,2}$|hors))(?: {1,2}(?:amount|incl\.?(?:usive)?(?: {1,2}(?:of {1,2})?(?:gst|vat|tax))?|payable|sales(?: {0,2}\(incl[^)]*\))?|ttc|eur|\(rm\)|rm|\(\$\)|a {1,2}pagar|factura|general|\(incl\.? {0,2}(?:gst|vat|tax)\)))?|(?:rechnungs|gesamt|end)?(?:summe|betrag) {0,2}\(? {0,2}brutto|brutto {0,2}(?:summe|betrag)|total {1,2}gross(?: {1,2}amount)?|gross {1,2}(?:total|amount)|gesamtbetrag|gesamtsumme|rechnungsbetrag|rechnungssumme|endbetrag|bruttobetrag|gesamt {1,2}brutto|summe|gesamt|montant {1,2}ttc|montant {1,2}total|importe {1,2}total|amount {1,2}payable|total {1,2}payable|invoice {1,2}amount|razem|nale[żz]no[śs][ćc] {1,2}og[óo][łl]em|totaal(?: {1,2}(?:incl\.?|inclusief) {1,2}btw)?|factuur {1,2}totaal|te {1,2}betalen")),
        (FieldNames.Subtotal, R(@"sub {0,2}-? {0,2}total|(?:rechnungs|gesamt|end)?(?:summe|betrag|gesamtbetrag) {0,2}\(? {0,2}netto|total {1,2}(?:amount {1,2})?(?:without|w/o) {1,2}(?:vat|tax|gst)|total {1,2}net {1,2}amount|zwischensumme|nettobetrag|netto(?:summe|betrag)?|summe {1,2}netto|gesamt {1,2}netto|total {1,2}h\.?t\.?|montant {1,2}h\.?t\.?|total {1,2}hors {1,2}taxes?|base {1,2}imponible|importe {1,2}neto|total {1,2}net|net {1,2}(?:amount|total)|total {1,2}(?:excl\.?|exclusive|excluding|before)(?: {1,2}of)?(?: {1,2}(?:vat|tax|gst))?|amount {1,2}before {1,2}tax|untaxed {1,2}amount|total {1,2}w/o {1,2}(?:vat|tax)|subtotaal|exclusief {1,2}btw|excl\.? {0,2}btw|totaal {1,2}excl(?:\.|usief)?(?: {1,2}btw)?")),
        (FieldNames.Tax, R(@"(?<!(?:incl|inkl|excl|exkl|inclusive|exclusive|including|excluding|without|ohne|w/o)\.? {0,2}(?:of {1,2})?)(?:total {1,2})?(?:vat|tax|gst|sales {1,2}tax|mwst\.?|ust\.?|mehrwertsteuer|umsatzsteuer|tva|iva|impuesto|taxes|igic|sst|btw)(?: {1,2}(?:total|amount|summe|bedrag))?(?! {0,2}(?:no\b|number|nummer|nr\b|reg|id\b|#|code|incl|invoice))|montant {1,2}tva|total {1,2}tva|cuota {1,2}iva|kwota {1,2}vat")),
        (FieldNames.AmountDue, R(@"amount {1,2}due|balance {1,2}due|total {1,2}due|balance {1,2}payable|zu {1,2}zahlen(?:der {1,2}betrag)?|zahlbetrag|offener {1,2}betrag|net {1,2}[àa] {1,2}payer|reste {1,2}[àa] {1,2}payer|montant {1,2}d[ûu]|importe {1,2}a {1,2}pagar|saldo {1,2}pendiente")),
        (FieldNames.VendorTaxId, R(@"vat {0,2}(?:reg(?:istration)?\.? {0,2})?(?:no\b\.?|number|id\b|#|reg\b\.?)|tax {0,2}(?:id\b|no\b\.?|number|reg\b\.?)|ust\.?[\s-]*ident(?:ifikations)?-? {0,2}(?:nr\.?|nummer)|ust\.?[\s-]*id(?:\.? {0,2}-? {0,2}nr\.?)?|ust-?idnr\.?|steuer-?nr\.?|steuernummer|st\.?-?nr\.?|tva {1,2}intra(?:communautaire)?|n[°º] {0,2}(?:de {1,2})?tva|n[úu]m[ée]ro {1,2}de {1,2}tva|identifiant {1,2}tva|siret|\bnif\b|\bcif\b|\bein\b|\bfein\b|\btin\b|gst {0,2}(?:reg(?:istration)?\.? {0,2})?(?:no\b\.?|id\b|#)|\babn\b|\bnip\b|company {1,2}reg(?:istration)? {1,2}no")),
        (CustomerBlock, R(@"bill(?:ed)? {1,2}to|invoice {1,2}to|sold {1,2}to|customer(?: {1,2}name)?|cliente|client|buyer|kunde|k[äa]ufer|auftraggeber|rechnungsempf[äa]nger|invoicee|factur[ée] {1,2}[àa]|adress[ée] {1,2}[àa]|cliente|facturar {1,2}a|nabywca")),
        (CustomerNumber, R(@"kunden-?(?:nummer|nr\b\.?)|customer {1,2}(?:no\b\.?|number|id\b|#)|account {1,2}(?:no\b\.?|number)|n[°º] {0,2}(?:de {1,2})?client|num[ée]ro {1,2}(?:de {1,2})?client")),
        (VendorBlock, R(@"\bfrom\b|seller|vendor|supplier|verk[äa]ufer|lieferant|rechnungs-?(?:er)?steller|absender|vendeur|fournisseur|proveedor|emisor|sprzedawca")),
    ];

    public static readonly Regex TableHeaderWord = R(@"\b(?:description|item|items|article|artikel|bezeichnung|beschreibung|d[ée]signation|libell[ée]|descripci[oó]n|concepto|product|produkt|produit|producto|qty|quantity|menge|anzahl|qt[ée]|quantit[ée]|cantidad|cant|unit\s+price|price|preis|einzelpreis|prix|precio|amount|betrag|montant|importe|rate|total|summe|disc|aantal|prijs|omschrijving|bedrag|quantit[àa]|prezzo|descrizione|importo)\b|\b\p{L}*(?:beschreibung|bezeichnung)\b");

    public static readonly Regex CompanySuffix = R(@"\b(?:gmbh|ag|kg|ohg|e\.?\s?k\.?|ug|ltd|limited|inc|llc|llp|plc|corp|corporation|co\.|company|sdn\.?\s*b[hn]d|bhd|berhad|s\.?\s?a\.?\s?r?\.?\s?l?\.?|s\.?a\.?s\.?|sarl|s\.?l\.?u?\.?|s\.?p\.?a\.?|b\.?v\.?|n\.?v\.?|enterprise|enterprises|trading|store|stores|restaurant|mart|supermarket|hardware|pharmacy|bakery|cafe|café|services)(?!\p{L})");

    public static readonly Regex AddressHint = R(@"\d|\b(?:street|st\.?|road|rd\.?|avenue|ave\.?|lane|drive|blvd|suite|floor|building|jalan|jln|taman|lorong|straße|strasse|str\.|weg|platz|allee|rue|avenue|boulevard|chemin|calle|avda|avenida|plaza|paseo|p\.?o\.?\s*box)\b");

    public static readonly Regex ContactLine = R(@"^\s*(?:tel|phone|fax|h/p|hp\b|roc\s+no|reg\s+no|telefon|t[ée]l[ée]phone|tel[ée]fono|e-?mail|mail|www\.|http|web|gst|vat|ust|tva|iva|nif|cif|co\.?\s*reg|company\s+reg)|@|\b(?:tel|fax|phone)\s*[:.]");

    public static readonly Regex TitleWords = R(@"^[\s\-*]*(?:tax\s+)?(?:invoice|receipt|rechnung|quittung|kassenbon|facture|factura|re[çc]u|recibo|ticket|credit\s+note|gutschrift|avoir|purchase\s+order|bestellung|bon\s+de\s+commande|orden\s+de\s+compra|cash\s+bill|official\s+receipt|simplified\s+tax\s+invoice|tax\s+invoice|original|copy|duplicate|page\s+\d+)\s*(?:\d+\s*/\s*\d+)?[\s\-*]*$");

    public static readonly Regex RegistrationNumber = R(@"^\s*\(?\s*(?:(?:co|company|br|reg|roc|gst|business)\.?\s*(?:r[ef]g\.?|reg(?:istration)?\.?)?\s*(?:no\.?)?\s*[:.]?\s*)?[A-Z]{0,3}\d{4,}(?:\s*-?\s*[A-Z])?\s*\)?\s*$");

    public static readonly Regex TrailingRegistration = R(@"\s*\(\s*[A-Z]{0,3}\d{4,}\s*-?\s*[A-Z]?\s*\)\s*$");

    /// <summary>The labels printed on one line, left to right; where labels overlap the longest wins.</summary>
    public static IReadOnlyList<LabelSpan> Find(string line)
    {
        var all = new List<LabelSpan>();
        foreach (var (field, pattern) in All)
            foreach (Match m in pattern.Matches(line))
                if (m.Length > 0 && IsWordStart(line, m.Index) && IsWordEnd(line, m.Index + m.Length))
                    all.Add(new LabelSpan(field, m.Index, m.Index + m.Length));
        var kept = new List<LabelSpan>();
        foreach (var l in all.OrderByDescending(l => l.End - l.Start).ThenBy(l => l.Start))
            if (!kept.Any(k => l.Start < k.End && k.Start < l.End)) kept.Add(l);
        kept.Sort((a, b) => a.Start.CompareTo(b.Start));
        return kept;
    }

    private static bool IsWordStart(string s, int i) => i == 0 || !char.IsLetterOrDigit(s[i - 1]);

    private static bool IsWordEnd(string s, int i) => i >= s.Length || !char.IsLetter(s[i]) || !char.IsLetter(s[i - 1]);

    private static Regex R(string pattern) => new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
