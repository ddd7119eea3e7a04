using System.ComponentModel.DataAnnotations;

namespace Monolith.BuildingBlocks.Limits;

/// <summary>
/// Size and time limits of every inbound request (section <c>Limits</c>), enforced by Kestrel and the request-timeouts
/// middleware. Endpoints that legitimately need more raise the body limit for their own request (the document uploads
/// raise it to <c>Documents:MaxUploadBytes</c> (× <c>BulkMaxFiles</c> for bulk) plus form overhead) or are exempt from
/// the timeout (the <c>/api/live</c> event stream, <c>?wait=true</c> requests, which their own wait option bounds).
/// </summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Largest request body of any endpoint that does not raise its own limit; bigger bodies get 413.</summary>
    [Range(1024, 1L << 30)]
    public long MaxRequestBodyBytes { get; set; } = 4L * 1024 * 1024;

    /// <summary>Largest total size of the request line's headers (Kestrel <c>MaxRequestHeadersTotalSize</c>); bigger gets 431.</summary>
    [Range(4096, 1024 * 1024)]
    public int MaxRequestHeadersTotalBytes { get; set; } = 32 * 1024;

    /// <summary>Longest time an API request may take before it is cancelled and answered 504.</summary>
    [Range(1, 3600)]
    public int RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>Longest time a client may take to send the request headers (slow-header protection).</summary>
    [Range(1, 300)]
    public int RequestHeadersTimeoutSeconds { get; set; } = 30;

    /// <summary>Idle keep-alive connections are closed after this.</summary>
    [Range(1, 3600)]
    public int KeepAliveTimeoutSeconds { get; set; } = 120;

    /// <summary>Slowest accepted request-body upload rate (bytes per second) once the grace period is over; 0 = no minimum.</summary>
    [Range(0, 1_000_000)]
    public double MinRequestBodyBytesPerSecond { get; set; } = 240;

    /// <summary>Time a request body may stay below <see cref="MinRequestBodyBytesPerSecond"/> before the connection is closed.</summary>
    [Range(1, 300)]
    public int MinRequestBodyGracePeriodSeconds { get; set; } = 5;
}
