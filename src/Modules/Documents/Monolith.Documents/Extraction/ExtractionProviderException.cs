using System.Net;

namespace Monolith.Documents.Extraction;

/// <summary>
/// What every remote extraction provider reports when a call fails: a stable <see cref="ErrorCode"/>, the HTTP status
/// and the service's message when there was one, whether trying later may help, the attempts made and the call as it
/// goes into the audit trail. Messages never contain credentials.
/// </summary>
public abstract class ExtractionProviderException : Exception
{
    protected ExtractionProviderException(string errorCode, string message, HttpStatusCode? statusCode, string? serviceMessage,
        bool isTransient, Exception? innerException)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
        StatusCode = statusCode;
        ServiceMessage = serviceMessage;
        IsTransient = isTransient;
    }

    /// <summary>The service's own error code when it sent one, otherwise one of the provider's codes.</summary>
    public string ErrorCode { get; }

    /// <summary>HTTP status of the failing response; null for content problems, timeouts and transport errors.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The service's error message (credentials redacted), when present.</summary>
    public string? ServiceMessage { get; }

    /// <summary>True when trying again later may succeed (429, 5xx, timeouts, open circuit, connection failures).</summary>
    public bool IsTransient { get; }

    /// <summary>HTTP attempts made (retries included) before the failure.</summary>
    public int Attempts { get; internal set; }

    /// <summary>The provider call as recorded for the audit trail.</summary>
    public ProviderCall? Call { get; internal set; }
}
