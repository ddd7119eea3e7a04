using System.Net;
using Monolith.BuildingBlocks.Llm;

namespace Monolith.Documents.Extraction.OpenAI;

/// <summary>
/// Any failure of the <c>openai</c> provider: an error status (401, 400, 429/5xx after retries), a timeout or open circuit,
/// a completion that is not the documented JSON, a model answer that is not a JSON object, a refusal or an empty answer.
/// <see cref="ErrorCode"/> is the server's <c>error.code</c> (e.g. <c>invalid_api_key</c>) when it sent one, otherwise one of
/// <see cref="Codes"/>. Messages never contain the API key.
/// </summary>
public sealed class OpenAIExtractionException : ExtractionProviderException
{
    /// <summary>Codes used when the failure is ours or the model's rather than a server error code (the gateway's, plus the extraction's own).</summary>
    public static class Codes
    {
        public const string NotConfigured = LlmException.Codes.NotConfigured;
        public const string NoText = "NoText";
        public const string HttpError = LlmException.Codes.HttpError;
        public const string Timeout = LlmException.Codes.Timeout;
        public const string CircuitOpen = LlmException.Codes.CircuitOpen;
        public const string RateLimited = LlmException.Codes.RateLimited;
        public const string ConnectionFailed = LlmException.Codes.ConnectionFailed;

        /// <summary>The server answered 200 with a body that is not a chat completion.</summary>
        public const string InvalidResponse = LlmException.Codes.InvalidResponse;

        /// <summary>The completion has no choices or no content.</summary>
        public const string EmptyResponse = LlmException.Codes.EmptyResponse;

        /// <summary>The model's content is not a JSON object.</summary>
        public const string InvalidContent = "InvalidContent";

        /// <summary>The model refused (<c>message.refusal</c>) or the content filter stopped it.</summary>
        public const string Refused = LlmException.Codes.Refused;

        /// <summary>The answer hit the output token limit (<c>finish_reason: length</c>) before the JSON was complete.</summary>
        public const string Truncated = "Truncated";
    }

    public OpenAIExtractionException() : this("OpenAI extraction failed.") { }

    public OpenAIExtractionException(string message) : this(message, innerException: null) { }

    public OpenAIExtractionException(string message, Exception? innerException)
        : this(Codes.HttpError, message, statusCode: null, serviceMessage: null, isTransient: false, innerException) { }

    public OpenAIExtractionException(
        string errorCode, string message, HttpStatusCode? statusCode, string? serviceMessage, bool isTransient, Exception? innerException = null)
        : base(errorCode, message, statusCode, serviceMessage, isTransient, innerException)
    {
    }

    /// <summary>Tokens the failed completion used, when the server reported them (content failures after a 200).</summary>
    public OpenAITokenUsage? Usage { get; internal set; }

}
