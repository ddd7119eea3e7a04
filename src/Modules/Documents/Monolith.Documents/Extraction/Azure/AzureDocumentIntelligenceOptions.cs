using System.ComponentModel.DataAnnotations;

namespace Monolith.Documents.Extraction.Azure;

/// <summary>
/// Azure AI Document Intelligence (Form Recognizer) settings, section <c>Documents:Azure</c>.
/// An empty <see cref="Endpoint"/> means the provider is not configured; everything else is then ignored.
/// </summary>
public sealed class AzureDocumentIntelligenceOptions : IValidatableObject
{
    public const string Section = "Documents:Azure";

    /// <summary>v4.0 GA: <c>{endpoint}/documentintelligence/...</c>, JSON body with <c>base64Source</c>.</summary>
    public const string ApiVersion20241130 = "2024-11-30";

    /// <summary>v3.1 GA: <c>{endpoint}/formrecognizer/...</c>, raw document bytes as the body.</summary>
    public const string ApiVersion20230731 = "2023-07-31";

    /// <summary>Resource endpoint, e.g. <c>https://my-resource.cognitiveservices.azure.com</c>. Empty = not configured.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>Sent as <c>Ocp-Apim-Subscription-Key</c>; never logged or put into messages.</summary>
    public string ApiKey { get; set; } = "";

    [Required, AllowedValues(ApiVersion20241130, ApiVersion20230731)]
    public string ApiVersion { get; set; } = ApiVersion20241130;

    [Required, RegularExpression("^[A-Za-z0-9][A-Za-z0-9._~-]{0,63}$")]
    public string InvoiceModel { get; set; } = "prebuilt-invoice";

    [Required, RegularExpression("^[A-Za-z0-9][A-Za-z0-9._~-]{0,63}$")]
    public string ReceiptModel { get; set; } = "prebuilt-receipt";

    /// <summary>Model used for OCR (<c>Documents:Ocr:Provider</c> = <c>azure</c>): words, lines and their boxes, no fields.</summary>
    [Required, RegularExpression("^[A-Za-z0-9][A-Za-z0-9._~-]{0,63}$")]
    public string ReadModel { get; set; } = "prebuilt-read";

    /// <summary>Wait between polls of the analyze operation when the service sends no <c>Retry-After</c>.</summary>
    [Range(10, 60_000)]
    public int PollIntervalMilliseconds { get; set; } = 1_000;

    /// <summary>Longest wait for the analyze operation to finish (polling only; the submit has its own timeouts).</summary>
    [Range(1, 3_600)]
    public int MaxPollSeconds { get; set; } = 120;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint);

    /// <summary>Endpoint without trailing slash; only meaningful when <see cref="IsConfigured"/>.</summary>
    internal string EndpointBase => Endpoint.Trim().TrimEnd('/');

    internal bool UsesDocumentIntelligenceRoute => ApiVersion == ApiVersion20241130;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured) yield break;

        if (!Uri.TryCreate(Endpoint.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            yield return new ValidationResult("must be an absolute http(s) URL without query, or empty when Azure is not used.", [nameof(Endpoint)]);
        }

        if (string.IsNullOrWhiteSpace(ApiKey))
            yield return new ValidationResult("is required when Endpoint is set.", [nameof(ApiKey)]);
    }
}
