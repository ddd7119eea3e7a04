namespace Monolith.Documents.Tests.Extraction.EInvoice;

/// <summary>Small hand-written e-invoices, one per format, with made-up parties and amounts.</summary>
internal static class Samples
{
    public const string FacturX = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
            xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
            xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
          <rsm:ExchangedDocumentContext>
            <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
          </rsm:ExchangedDocumentContext>
          <rsm:ExchangedDocument>
            <ram:ID>FX-2024-0042</ram:ID>
            <ram:TypeCode>380</ram:TypeCode>
            <ram:IssueDateTime><udt:DateTimeString format="102">20240315</udt:DateTimeString></ram:IssueDateTime>
          </rsm:ExchangedDocument>
          <rsm:SupplyChainTradeTransaction>
            <ram:IncludedSupplyChainTradeLineItem>
              <ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID></ram:AssociatedDocumentLineDocument>
              <ram:SpecifiedTradeProduct><ram:Name>Widget, blue</ram:Name></ram:SpecifiedTradeProduct>
              <ram:SpecifiedLineTradeAgreement>
                <ram:NetPriceProductTradePrice><ram:ChargeAmount>12.50</ram:ChargeAmount></ram:NetPriceProductTradePrice>
              </ram:SpecifiedLineTradeAgreement>
              <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">8</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
              <ram:SpecifiedLineTradeSettlement>
                <ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>100.00</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>
              </ram:SpecifiedLineTradeSettlement>
            </ram:IncludedSupplyChainTradeLineItem>
            <ram:IncludedSupplyChainTradeLineItem>
              <ram:AssociatedDocumentLineDocument><ram:LineID>2</ram:LineID></ram:AssociatedDocumentLineDocument>
              <ram:SpecifiedTradeProduct><ram:Name>Installation</ram:Name></ram:SpecifiedTradeProduct>
              <ram:SpecifiedLineTradeAgreement>
                <ram:NetPriceProductTradePrice><ram:ChargeAmount>50</ram:ChargeAmount></ram:NetPriceProductTradePrice>
              </ram:SpecifiedLineTradeAgreement>
              <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="HUR">1</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
              <ram:SpecifiedLineTradeSettlement>
                <ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>50.00</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>
              </ram:SpecifiedLineTradeSettlement>
            </ram:IncludedSupplyChainTradeLineItem>
            <ram:ApplicableHeaderTradeAgreement>
              <ram:SellerTradeParty>
                <ram:Name>Atelier Dupont
                  SARL</ram:Name>
                <ram:PostalTradeAddress>
                  <ram:PostcodeCode>75011</ram:PostcodeCode><ram:LineOne>12 rue de la Paix</ram:LineOne>
                  <ram:CityName>Paris</ram:CityName><ram:CountryID>FR</ram:CountryID>
                </ram:PostalTradeAddress>
                <ram:SpecifiedTaxRegistration><ram:ID schemeID="FC">123/456/789</ram:ID></ram:SpecifiedTaxRegistration>
                <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">FR12345678901</ram:ID></ram:SpecifiedTaxRegistration>
              </ram:SellerTradeParty>
              <ram:BuyerTradeParty><ram:Name>Käufer GmbH</ram:Name></ram:BuyerTradeParty>
              <ram:BuyerOrderReferencedDocument><ram:IssuerAssignedID>PO-778</ram:IssuerAssignedID></ram:BuyerOrderReferencedDocument>
            </ram:ApplicableHeaderTradeAgreement>
            <ram:ApplicableHeaderTradeSettlement>
              <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
              <ram:SpecifiedTradePaymentTerms>
                <ram:DueDateDateTime><udt:DateTimeString format="102">20240414</udt:DateTimeString></ram:DueDateDateTime>
              </ram:SpecifiedTradePaymentTerms>
              <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
                <ram:LineTotalAmount>150.00</ram:LineTotalAmount>
                <ram:TaxBasisTotalAmount>150.00</ram:TaxBasisTotalAmount>
                <ram:TaxTotalAmount currencyID="CHF">29.10</ram:TaxTotalAmount>
                <ram:TaxTotalAmount currencyID="EUR">30.00</ram:TaxTotalAmount>
                <ram:GrandTotalAmount>180.00</ram:GrandTotalAmount>
                <ram:TotalPrepaidAmount>20.00</ram:TotalPrepaidAmount>
                <ram:DuePayableAmount>160.00</ram:DuePayableAmount>
              </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
            </ram:ApplicableHeaderTradeSettlement>
          </rsm:SupplyChainTradeTransaction>
        </rsm:CrossIndustryInvoice>
        """;

    public const string Zugferd1CreditNote = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rsm:CrossIndustryDocument xmlns:rsm="urn:ferd:CrossIndustryDocument:invoice:1p0"
            xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:12"
            xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:15">
          <rsm:SpecifiedExchangedDocumentContext>
            <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:ferd:CrossIndustryDocument:invoice:1p0:basic</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
          </rsm:SpecifiedExchangedDocumentContext>
          <rsm:HeaderExchangedDocument>
            <ram:ID>GS-17</ram:ID>
            <ram:TypeCode>381</ram:TypeCode>
            <ram:IssueDateTime><udt:DateTimeString format="102">20131231</udt:DateTimeString></ram:IssueDateTime>
          </rsm:HeaderExchangedDocument>
          <rsm:SpecifiedSupplyChainTradeTransaction>
            <ram:ApplicableSupplyChainTradeAgreement>
              <ram:SellerTradeParty>
                <ram:Name>Beispiel Handel KG</ram:Name>
                <ram:PostalTradeAddress>
                  <ram:PostcodeCode>10115</ram:PostcodeCode><ram:LineOne>Hauptstraße 1</ram:LineOne><ram:LineTwo>Hinterhaus</ram:LineTwo>
                  <ram:CityName>Berlin</ram:CityName><ram:CountryID>DE</ram:CountryID>
                </ram:PostalTradeAddress>
                <ram:SpecifiedTaxRegistration><ram:ID schemeID="FC">27/123/45678</ram:ID></ram:SpecifiedTaxRegistration>
              </ram:SellerTradeParty>
              <ram:BuyerTradeParty><ram:Name>Kunde AG</ram:Name></ram:BuyerTradeParty>
              <ram:BuyerOrderReferencedDocument><ram:ID>B-99</ram:ID></ram:BuyerOrderReferencedDocument>
            </ram:ApplicableSupplyChainTradeAgreement>
            <ram:ApplicableSupplyChainTradeSettlement>
              <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
              <ram:SpecifiedTradeSettlementMonetarySummation>
                <ram:LineTotalAmount currencyID="EUR">10.00</ram:LineTotalAmount>
                <ram:TaxBasisTotalAmount currencyID="EUR">10.00</ram:TaxBasisTotalAmount>
                <ram:TaxTotalAmount currencyID="EUR">1.90</ram:TaxTotalAmount>
                <ram:GrandTotalAmount currencyID="EUR">11.90</ram:GrandTotalAmount>
              </ram:SpecifiedTradeSettlementMonetarySummation>
            </ram:ApplicableSupplyChainTradeSettlement>
            <ram:IncludedSupplyChainTradeLineItem>
              <ram:AssociatedDocumentLineDocument><ram:IncludedNote><ram:Content>Gutschrift zu Rechnung 4711</ram:Content></ram:IncludedNote></ram:AssociatedDocumentLineDocument>
            </ram:IncludedSupplyChainTradeLineItem>
            <ram:IncludedSupplyChainTradeLineItem>
              <ram:SpecifiedSupplyChainTradeAgreement>
                <ram:NetPriceProductTradePrice><ram:ChargeAmount currencyID="EUR">2.5000</ram:ChargeAmount></ram:NetPriceProductTradePrice>
              </ram:SpecifiedSupplyChainTradeAgreement>
              <ram:SpecifiedSupplyChainTradeDelivery><ram:BilledQuantity unitCode="C62">4.0000</ram:BilledQuantity></ram:SpecifiedSupplyChainTradeDelivery>
              <ram:SpecifiedSupplyChainTradeSettlement>
                <ram:SpecifiedTradeSettlementMonetarySummation><ram:LineTotalAmount currencyID="EUR">10.00</ram:LineTotalAmount></ram:SpecifiedTradeSettlementMonetarySummation>
              </ram:SpecifiedSupplyChainTradeSettlement>
              <ram:SpecifiedTradeProduct><ram:Name>Rücknahme Leergut</ram:Name></ram:SpecifiedTradeProduct>
            </ram:IncludedSupplyChainTradeLineItem>
          </rsm:SpecifiedSupplyChainTradeTransaction>
        </rsm:CrossIndustryDocument>
        """;

    public const string OrderX = """
        <rsm:SCRDMCCBDACIOMessageStructure xmlns:rsm="urn:un:unece:uncefact:data:SCRDMCCBDACIOMessageStructure:100"
            xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:128"
            xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:128">
          <rsm:ExchangedDocument>
            <ram:ID>ORD-5521</ram:ID>
            <ram:TypeCode>220</ram:TypeCode>
            <ram:IssueDateTime><udt:DateTimeString format="203">202401021130</udt:DateTimeString></ram:IssueDateTime>
          </rsm:ExchangedDocument>
          <rsm:SupplyChainTradeTransaction>
            <ram:IncludedSupplyChainTradeLineItem>
              <ram:SpecifiedTradeProduct><ram:Name>Pallet</ram:Name></ram:SpecifiedTradeProduct>
              <ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>7</ram:ChargeAmount></ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement>
              <ram:SpecifiedLineTradeDelivery><ram:RequestedQuantity unitCode="C62">3</ram:RequestedQuantity></ram:SpecifiedLineTradeDelivery>
              <ram:SpecifiedLineTradeSettlement><ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>21.00</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation></ram:SpecifiedLineTradeSettlement>
            </ram:IncludedSupplyChainTradeLineItem>
            <ram:ApplicableHeaderTradeAgreement>
              <ram:SellerTradeParty><ram:Name>Supplier Ltd</ram:Name></ram:SellerTradeParty>
              <ram:BuyerTradeParty><ram:Name>Buyer Inc</ram:Name></ram:BuyerTradeParty>
            </ram:ApplicableHeaderTradeAgreement>
            <ram:ApplicableHeaderTradeSettlement>
              <ram:OrderCurrencyCode>GBP</ram:OrderCurrencyCode>
              <ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:LineTotalAmount>21.00</ram:LineTotalAmount></ram:SpecifiedTradeSettlementHeaderMonetarySummation>
            </ram:ApplicableHeaderTradeSettlement>
          </rsm:SupplyChainTradeTransaction>
        </rsm:SCRDMCCBDACIOMessageStructure>
        """;

    public const string UblInvoice = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
            xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
            xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
          <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0</cbc:CustomizationID>
          <cbc:ID>XR-100</cbc:ID>
          <cbc:IssueDate>2024-05-02</cbc:IssueDate>
          <cbc:DueDate>2024-06-01</cbc:DueDate>
          <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
          <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
          <cac:OrderReference><cbc:ID>4500012345</cbc:ID></cac:OrderReference>
          <cac:AccountingSupplierParty><cac:Party>
            <cac:PartyName><cbc:Name>Muster Trading</cbc:Name></cac:PartyName>
            <cac:PostalAddress>
              <cbc:StreetName>Marktplatz 3</cbc:StreetName><cbc:CityName>Köln</cbc:CityName><cbc:PostalZone>50667</cbc:PostalZone>
              <cac:Country><cbc:IdentificationCode>DE</cbc:IdentificationCode></cac:Country>
            </cac:PostalAddress>
            <cac:PartyTaxScheme><cbc:CompanyID>DE987654321</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
            <cac:PartyLegalEntity><cbc:RegistrationName>Muster Trading GmbH</cbc:RegistrationName></cac:PartyLegalEntity>
          </cac:Party></cac:AccountingSupplierParty>
          <cac:AccountingCustomerParty><cac:Party>
            <cac:PartyLegalEntity><cbc:RegistrationName>Stadt Beispielstadt</cbc:RegistrationName></cac:PartyLegalEntity>
          </cac:Party></cac:AccountingCustomerParty>
          <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">38.00</cbc:TaxAmount></cac:TaxTotal>
          <cac:LegalMonetaryTotal>
            <cbc:LineExtensionAmount currencyID="EUR">200.00</cbc:LineExtensionAmount>
            <cbc:TaxExclusiveAmount currencyID="EUR">200.00</cbc:TaxExclusiveAmount>
            <cbc:TaxInclusiveAmount currencyID="EUR">238.00</cbc:TaxInclusiveAmount>
            <cbc:PayableAmount currencyID="EUR">238.00</cbc:PayableAmount>
          </cac:LegalMonetaryTotal>
          <cac:InvoiceLine>
            <cbc:ID>1</cbc:ID>
            <cbc:InvoicedQuantity unitCode="HUR">4</cbc:InvoicedQuantity>
            <cbc:LineExtensionAmount currencyID="EUR">200.00</cbc:LineExtensionAmount>
            <cac:Item><cbc:Name>Consulting</cbc:Name></cac:Item>
            <cac:Price><cbc:PriceAmount currencyID="EUR">50.00</cbc:PriceAmount></cac:Price>
          </cac:InvoiceLine>
        </Invoice>
        """;

    public const string UblCreditNote = """
        <CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
            xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
            xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
          <cbc:ID>CN-7</cbc:ID>
          <cbc:IssueDate>2024-07-01</cbc:IssueDate>
          <cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>
          <cbc:DocumentCurrencyCode>SEK</cbc:DocumentCurrencyCode>
          <cac:AccountingSupplierParty><cac:Party><cac:PartyName><cbc:Name>Nordic AB</cbc:Name></cac:PartyName></cac:Party></cac:AccountingSupplierParty>
          <cac:TaxTotal><cbc:TaxAmount currencyID="SEK">25.00</cbc:TaxAmount></cac:TaxTotal>
          <cac:LegalMonetaryTotal>
            <cbc:TaxExclusiveAmount currencyID="SEK">100.00</cbc:TaxExclusiveAmount>
            <cbc:TaxInclusiveAmount currencyID="SEK">125.00</cbc:TaxInclusiveAmount>
            <cbc:PayableAmount currencyID="SEK">125.00</cbc:PayableAmount>
          </cac:LegalMonetaryTotal>
          <cac:CreditNoteLine>
            <cbc:CreditedQuantity unitCode="C62">2</cbc:CreditedQuantity>
            <cbc:LineExtensionAmount currencyID="SEK">100.00</cbc:LineExtensionAmount>
            <cac:Item><cbc:Description>Returned chairs</cbc:Description></cac:Item>
            <cac:Price><cbc:PriceAmount currencyID="SEK">50.00</cbc:PriceAmount></cac:Price>
          </cac:CreditNoteLine>
        </CreditNote>
        """;
}
