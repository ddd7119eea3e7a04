using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;

namespace Monolith.BuildingBlocks.Web.Fetching;

/// <summary>Fetches one web page safely; see <see cref="WebPageFetcher"/>.</summary>
public interface IWebPageFetcher
{
    /// <summary>GETs <paramref name="url"/>, following redirects; never throws for remote failures, only when cancelled.</summary>
    Task<FetchedPage> FetchAsync(Uri url, CancellationToken cancellationToken = default);
}

/// <summary>
/// GETs a page of an untrusted website: http/https only (checked on every hop), redirects followed here up to
/// <c>WebFetch:MaxRedirects</c>, connections only to public or exempt addresses (<see cref="GuardedConnector"/>),
/// at most <c>WebFetch:PerHostConcurrency</c> requests per host, the body read up to <c>WebFetch:MaxResponseBytes</c>
/// while streaming, decoded with <see cref="CharsetDetector"/>, hashed. Every hop goes through the WebFetch resilience
/// pipeline (timeouts, retries, rate limit, circuit).
/// </summary>
public sealed class WebPageFetcher(
    HttpClient client,
    IOptions<WebFetchOptions> options,
    HostExemptions exemptions,
    HostConcurrencyLimiter limiter,
    TimeProvider time) : IWebPageFetcher
{
    private const string Accept = "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5";
    private static readonly string EmptyHash = Convert.ToHexStringLower(SHA256.HashData([]));
    private readonly WebFetchOptions _options = options.Value;

    public async Task<FetchedPage> FetchAsync(Uri url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        var fetchedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var current = url;
        FetchedPage Failed(string error, int status = 0, int redirects = 0) =>
            new(url, current, status, null, null, "", 0, EmptyHash, fetchedAt, time.GetElapsedTime(started), error, Redirects: redirects);

        for (var redirects = 0; ; redirects++)
        {
            if (!current.IsAbsoluteUri || (current.Scheme != Uri.UriSchemeHttp && current.Scheme != Uri.UriSchemeHttps))
                return Failed("unsupported-scheme", redirects: redirects);
            if (IPAddress.TryParse(current.IdnHost.Trim('[', ']'), out var literal) && !exemptions.IsExempt(current.IdnHost) && !exemptions.Allows(literal))
                return Failed($"blocked-address: {literal} is not a public address", redirects: redirects);

            try
            {
                using var lease = await limiter.AcquireAsync(current.IdnHost, cancellationToken).ConfigureAwait(false);
                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
                request.Headers.TryAddWithoutValidation("Accept", Accept);
                if (!string.IsNullOrWhiteSpace(_options.AcceptLanguage))
                    request.Headers.TryAddWithoutValidation("Accept-Language", _options.AcceptLanguage);

                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    if (redirects >= _options.MaxRedirects) return Failed("too-many-redirects", status, redirects);
                    if (!Uri.TryCreate(current, location, out var next)) return Failed("invalid-redirect", status, redirects);
                    current = next;
                    continue;
                }
                return await ReadAsync(url, current, response, fetchedAt, started, redirects, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (HttpRequestException e) when (e.InnerException is BlockedAddressException blocked)
            {
                return Failed($"blocked-address: {blocked.Message}", redirects: redirects);
            }
            catch (HttpRequestException e)
            {
                return Failed($"connection-failed: {e.Message}", redirects: redirects);
            }
            catch (TimeoutRejectedException)
            {
                return Failed("timeout", redirects: redirects);
            }
            catch (OperationCanceledException)
            {
                return Failed("timeout", redirects: redirects);
            }
            catch (BrokenCircuitException)
            {
                return Failed("circuit-open", redirects: redirects);
            }
            catch (RateLimiterRejectedException)
            {
                return Failed("rate-limited", redirects: redirects);
            }
            catch (ExecutionRejectedException e)
            {
                return Failed($"rejected: {e.Message}", redirects: redirects);
            }
            catch (IOException e)
            {
                return Failed($"connection-failed: {e.Message}", redirects: redirects);
            }
        }
    }

    private async Task<FetchedPage> ReadAsync(Uri requested, Uri final, HttpResponseMessage response, DateTimeOffset fetchedAt,
        long started, int redirects, CancellationToken cancellationToken)
    {
        var limit = _options.MaxResponseBytes;
        var headers = response.Content.Headers;
        using var body = new MemoryStream(headers.ContentLength is { } length and > 0 ? (int)Math.Min(length, limit) : 16 * 1024);
        var truncated = false;
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(_options.BodyTimeoutSeconds));
        var outer = cancellationToken;
        cancellationToken = deadline.Token;
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                while (true)
                {
                    var read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
                    if (read == 0) break;
                    var room = limit - (int)body.Length;
                    if (read > room)
                    {
                        body.Write(chunk, 0, room);
                        truncated = true;
                        break; // stop reading: the rest of the body is never downloaded into memory
                    }
                    body.Write(chunk, 0, read);
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !outer.IsCancellationRequested)
        {
            return new FetchedPage(requested, final, (int)response.StatusCode, headers.ContentType?.MediaType, null, "", 0, EmptyHash,
                fetchedAt, time.GetElapsedTime(started), $"body-timeout: not read within {_options.BodyTimeoutSeconds} s (WebFetch:BodyTimeoutSeconds)",
                Redirects: redirects);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        var bytes = body.GetBuffer().AsSpan(0, (int)body.Length);
        var mediaType = headers.ContentType?.MediaType;
        string text = "";
        string? charset = null;
        if (IsTextual(mediaType))
        {
            text = CharsetDetector.Decode(bytes, headers.ContentType?.CharSet, out var detection);
            charset = detection.Charset;
        }
        return new FetchedPage(requested, final, (int)response.StatusCode, mediaType, charset, text, bytes.Length,
            Convert.ToHexStringLower(SHA256.HashData(bytes)), fetchedAt, time.GetElapsedTime(started), null, truncated, redirects);
    }

    /// <summary>Text we decode: unknown, text/*, XML, JSON, JavaScript. Images, PDFs and the like keep only size and hash.</summary>
    internal static bool IsTextual(string? mediaType) =>
        mediaType is null
        || mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
        || mediaType.EndsWith("/xml", StringComparison.OrdinalIgnoreCase)
        || mediaType.EndsWith("+xml", StringComparison.OrdinalIgnoreCase)
        || mediaType.EndsWith("/json", StringComparison.OrdinalIgnoreCase)
        || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("application/javascript", StringComparison.OrdinalIgnoreCase);
}
