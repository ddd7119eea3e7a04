using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Monolith.Testing.CompanySites;

/// <summary>An outage of every site at once, switched at runtime with <see cref="CompanySitesServer.Outage"/>.</summary>
public abstract record SiteOutage
{
    /// <summary>Every request answers this status (e.g. 503, or 429 with <c>Retry-After</c>).</summary>
    public sealed record Status(int Code, string? RetryAfter = null) : SiteOutage;

    /// <summary>No response headers until the client gives up.</summary>
    public sealed record Hang : SiteOutage;

    /// <summary>Headers at once (200, text/html), then one byte every 300 ms until the client gives up.</summary>
    public sealed record Drip : SiteOutage;
}

/// <summary>
/// Realistic multi-page company websites on one local Kestrel server (127.0.0.1, random port), picked by the request's
/// <c>Host</c> header (<c>nordlicht-logistik.test</c>, <c>acme-dental.test</c>, ...). Point the fetcher at it with
/// <see cref="HostAddressSettings"/>. Sites are embedded files under <c>CompanySites/sites/{host}/</c>, each with an
/// <c>expected.json</c> (the answers, never served). <c>{base}</c> in a file becomes <c>http://{host}:{port}</c>.
/// Misbehaviour on purpose: <c>brightpath-it.test</c> redirects / to /en/; <c>acme-dental.test</c> drips /careers over
/// several seconds and answers 500 on /services/financing; <c>sparkle-facility.test</c> has broken markup, a
/// several-megabyte /services/catalog and a redirect loop at /about/team; <c>alpen-ingenieure.test</c> is ISO-8859-1
/// declared only in a meta tag; <c>hostile-corp.test</c> disallows everything in robots.txt. Every site also answers
/// /slow (dripped) and /error (500).
/// </summary>
public sealed class CompanySitesServer : IAsyncDisposable
{
    private const string Prefix = "CompanySites/";
    private static readonly Assembly Resources = typeof(CompanySitesServer).Assembly;
    private static readonly Encoding Latin1 = Encoding.Latin1;

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<(string Host, string Path), int> _requests = new();
    private int _total;

    private CompanySitesServer(WebApplication app) => _app = app;

    /// <summary>Every site host name, sorted.</summary>
    public static IReadOnlyList<string> Hosts { get; } = Resources.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..].Split('/')[0]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public int Port { get; private set; }

    public int TotalRequests => Volatile.Read(ref _total);

    /// <summary>While set, every request of every site gets this instead of its page; null = healthy.</summary>
    public SiteOutage? Outage { get; set; }

    /// <summary>How long <c>/slow</c> (and acme's /careers) take to finish dripping.</summary>
    public static TimeSpan SlowDuration { get; } = TimeSpan.FromSeconds(3);

    public static async Task<CompanySitesServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new CompanySitesServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        server.Port = new Uri(app.Urls.Single()).Port;
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);

    public Uri UrlOf(string host, string path = "/") => new($"http://{host}:{Port}{(path.StartsWith('/') ? path : "/" + path)}");

    /// <summary><c>WebFetch:HostAddresses:{host}</c> = 127.0.0.1 for every site, and <c>WebFetch:AllowedHosts:0</c> = 127.0.0.1.</summary>
    public IEnumerable<KeyValuePair<string, string?>> HostAddressSettings() =>
        Hosts.Select(h => new KeyValuePair<string, string?>($"WebFetch:HostAddresses:{h}", "127.0.0.1"))
            .Append(new KeyValuePair<string, string?>("WebFetch:AllowedHosts:0", "127.0.0.1"));

    public int RequestCount(string host, string path = "/") => _requests.GetValueOrDefault((host.ToLowerInvariant(), path));

    public void ResetCounts()
    {
        _requests.Clear();
        Interlocked.Exchange(ref _total, 0);
    }

    /// <summary>A site's <c>expected.json</c> (the answers for accuracy tests).</summary>
    public static string ExpectedJson(string host) => Encoding.UTF8.GetString(Read($"{host}/expected.json") ?? throw new ArgumentException($"no site '{host}'", nameof(host)));

    /// <summary>A site's file as served, with <c>{base}</c> as <c>http://{host}</c>; null when the site has no such file. For tests that analyse pages without a server.</summary>
    public static string? FileText(string host, string relative) =>
        Read($"{host}/{relative.TrimStart('/')}") is { } bytes ? Encoding.UTF8.GetString(bytes).Replace("{base}", $"http://{host}", StringComparison.Ordinal) : null;

    private static byte[]? Read(string relative)
    {
        using var stream = Resources.GetManifestResourceStream(Prefix + relative);
        if (stream is null) return null;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var host = context.Request.Host.Host.ToLowerInvariant();
        var path = context.Request.Path.Value is { Length: > 0 } p ? p : "/";
        _requests.AddOrUpdate((host, path), 1, (_, n) => n + 1);
        Interlocked.Increment(ref _total);
        var response = context.Response;
        var aborted = context.RequestAborted;
        if (!Hosts.Contains(host)) { response.StatusCode = 404; return; }
        switch (Outage)
        {
            case SiteOutage.Status status:
                response.StatusCode = status.Code;
                if (status.RetryAfter is not null) response.Headers.RetryAfter = status.RetryAfter;
                return;
            case SiteOutage.Hang:
                try { await Task.Delay(Timeout.Infinite, aborted).ConfigureAwait(false); }
                catch (OperationCanceledException) { }
                return;
            case SiteOutage.Drip:
                response.ContentType = "text/html";
                try
                {
                    await response.Body.FlushAsync(aborted).ConfigureAwait(false);
                    while (!aborted.IsCancellationRequested)
                    {
                        await response.Body.WriteAsync("<"u8.ToArray(), aborted).ConfigureAwait(false);
                        await response.Body.FlushAsync(aborted).ConfigureAwait(false);
                        await Task.Delay(300, aborted).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) { }
                catch (IOException) { }
                return;
        }

        switch (host, path)
        {
            case ("brightpath-it.test", "/"):
                response.Redirect("/en/", permanent: true);
                return;
            case ("acme-dental.test", "/services/financing"):
            case (_, "/error"):
                response.StatusCode = 500;
                await response.WriteAsync("<html><body><h1>Internal Server Error</h1></body></html>", aborted).ConfigureAwait(false);
                return;
            case ("sparkle-facility.test", "/about/team"):
                response.Redirect("/about/team-members");
                return;
            case ("sparkle-facility.test", "/about/team-members"):
                response.Redirect("/about/team");
                return;
            case ("sparkle-facility.test", "/services/catalog"):
                response.ContentType = "text/html; charset=utf-8";
                await WriteHugeAsync(response, aborted).ConfigureAwait(false);
                return;
            case (_, "/slow"):
                response.ContentType = "text/html; charset=utf-8";
                await DripAsync(response, Encoding.UTF8.GetBytes("<html><body><h1>Slow</h1><p>" + new string('.', 200) + "</p></body></html>"), aborted).ConfigureAwait(false);
                return;
        }

        var relative = path == "/" ? "index.html" : path.TrimStart('/');
        if (relative.EndsWith("expected.json", StringComparison.Ordinal)) { response.StatusCode = 404; return; }
        string[] attempts = relative.EndsWith('/') ? [relative + "index.html"] : [relative, relative + ".html", relative + "/index.html"];
        foreach (var attempt in attempts)
        {
            if (Read($"{host}/{attempt}") is not { } bytes) continue;
            var latin1 = host == "alpen-ingenieure.test";
            var encoding = latin1 ? Latin1 : Encoding.UTF8;
            var body = encoding.GetBytes(encoding.GetString(bytes).Replace("{base}", $"http://{host}:{Port}", StringComparison.Ordinal));
            response.ContentType = ContentType(attempt, latin1);
            if (host == "acme-dental.test" && path == "/careers") { await DripAsync(response, body, aborted).ConfigureAwait(false); return; }
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body, aborted).ConfigureAwait(false);
            return;
        }
        response.StatusCode = 404;
    }

    private static string ContentType(string file, bool latin1) => Path.GetExtension(file) switch
    {
        ".html" => latin1 ? "text/html" : "text/html; charset=utf-8",
        ".txt" => "text/plain; charset=utf-8",
        ".xml" => "application/xml",
        ".json" => "application/json",
        _ => "application/octet-stream",
    };

    private static async Task DripAsync(HttpResponse response, byte[] body, CancellationToken cancellationToken)
    {
        const int Chunks = 10;
        var size = (body.Length + Chunks - 1) / Chunks;
        await response.StartAsync(cancellationToken).ConfigureAwait(false);
        for (var offset = 0; offset < body.Length; offset += size)
        {
            await response.Body.WriteAsync(body.AsMemory(offset, Math.Min(size, body.Length - offset)), cancellationToken).ConfigureAwait(false);
            await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(SlowDuration / Chunks, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>About 6 MB of catalogue rows: bigger than the fetcher's default body limit.</summary>
    private static async Task WriteHugeAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        await response.WriteAsync("<html><head><title>Service Catalog | Sparkle Facility Services</title></head><body><h1>Service Catalog</h1><table>", cancellationToken).ConfigureAwait(false);
        var row = new StringBuilder();
        for (var i = 0; i < 60_000; i++)
        {
            row.Clear().Append("<tr><td>SKU-").Append(i).Append("</td><td>Janitorial service item with detailed description of scope and frequency</td></tr>\n");
            await response.WriteAsync(row.ToString(), cancellationToken).ConfigureAwait(false);
        }
        await response.WriteAsync("</table></body></html>", cancellationToken).ConfigureAwait(false);
    }
}
