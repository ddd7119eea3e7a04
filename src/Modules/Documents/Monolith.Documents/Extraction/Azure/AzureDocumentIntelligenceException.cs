using System.Net;

namespace Monolith.Documents.Extraction.Azure;

/// <summary>
/// Any failure talking to Azure Document Intelligence: an error status (401, 400 InvalidRequest, 5xx after retries),
/// a <c>failed</c>/<c>canceled</c> operation, an unreadable response, a timeout or an open circuit.
/// <see cref="ErrorCode"/> is the service's <c>error.code</c> when it sent one, otherwise one of <see cref="Codes"/>.
/// Messages never contain the API key.
/// </summary>
public sealed class AzureDocumentIntelligenceException : ExtractionProviderException
{
    /// <summary>Codes used when the failure is ours rather than the service's.</summary>
    public static class Codes
    {
        public const string NotConfigured = "NotConfigured";
        public const string InvalidResponse = "InvalidResponse";
        public const string Timeout = "Timeout";
        public const string OperationTimedOut = "OperationTimedOut";
        public const string CircuitOpen = "CircuitOpen";
        public const string RateLimited = "RateLimited";
        public const string ConnectionFailed = "ConnectionFailed";
        public const string Canceled = "Canceled";
        public const string HttpError = "HttpError";
    }

    public AzureDocumentIntelligenceException() : this("Azure Document Intelligence call failed.") { }

    public AzureDocumentIntelligenceException(string message) : this(message, innerException: null) { }

    public AzureDocumentIntelligenceException(string message, Exception? innerException)
        : this(Codes.HttpError, message, statusCode: null, serviceMessage: null, isTransient: false, innerException) { }

    public AzureDocumentIntelligenceException(
        string errorCode, string message, HttpStatusCode? statusCode, string? serviceMessage, bool isTransient, Exception? innerException = null)
        : base(errorCode, message, statusCode, serviceMessage, isTransient, innerException)
    {
    }


    /// <summary>The service's <c>error.innererror.code</c>, when present (e.g. <c>InvalidContentLength</c>).</summary>
    public string? InnerErrorCode { get; init; }





}
