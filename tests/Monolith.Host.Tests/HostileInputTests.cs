using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Monolith.Testing;
using Xunit.Abstractions;

namespace Monolith.Host.Tests;

/// <summary>
/// A corpus of hostile inputs against every HTTP endpoint of the running app, enumerated from its
/// <see cref="EndpointDataSource"/>: never a 5xx, every 4xx of the API is <c>application/problem+json</c>, and no request
/// hangs (each runs under a cancellation timeout). <c>/api/live</c> (a server-sent events stream) is excluded.
/// </summary>
public class when_every_endpoint_gets_hostile_input(AppFixture app, ITestOutputHelper output) : IClassFixture<AppFixture>
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    private static readonly string[] Excluded = ["/api/live"];
    private static readonly string[] BodyMethods = ["POST", "PUT", "PATCH"];

    /// <summary>Query parameter names used somewhere in the API, tried on every endpoint besides those OpenAPI lists.</summary>
    private static readonly string[] KnownQueryNames =
        ["page", "pageSize", "status", "documentType", "department", "industry", "range", "from", "to", "granularity",
         "provider", "model", "step", "wait", "minConfidence"];

    // "%00" is left out of route values: the in-memory TestServer refuses a path with NUL before the app sees it
    // (Kestrel answers 400 itself). NUL in query values is covered below.
    private static readonly string[] HostileRouteValues =
    [
        "not-a-guid", "00000000-0000-0000-0000-00000000000G", new string('a', 10_000), "%F0%9F%99%82%C3%A9%E4%B8%AD",
        "..%2F..%2Fetc%2Fpasswd", "..%5C..%5Cwindows", "%2e%2e", "%FF%FE", "-1", "99999999999999999999999", "%20",
        "null", "%3Cscript%3E", "a%2Fb",
    ];

    private static readonly string[] HostileQueryValues =
    [
        "", "abc", "-1", "0", "2147483647", "2147483648", "99999999999999999999999", "1e309", "NaN", "-Infinity", "0x10", "1,5",
        "2024-13-45", "not-a-date", "9999-12-31T23:59:59Z", "0001-01-01", "24y", "Sleeping", "%00", "%FF",
        "%F0%9F%99%82", new string('9', 5_000), "true%00",
    ];

    private sealed record Target(string Method, RoutePattern Pattern, string Display)
    {
        public bool IsApi => Pattern.RawText?.TrimStart('/').StartsWith("api", StringComparison.OrdinalIgnoreCase) == true;
        public bool TakesBody => BodyMethods.Contains(Method);
        public bool IsMultipart => Method == "POST" && (Pattern.RawText?.TrimEnd('/') is "/api/documents" or "api/documents" or "/api/documents/bulk" or "api/documents/bulk");
    }

    private sealed record Probe(string Method, string Url, HttpContent? Content = null, string? Description = null,
        IReadOnlyDictionary<string, string>? Headers = null);

    private readonly List<string> _failures = [];
    private int _sent;

    [Fact]
    public async Task route_values_that_are_not_what_the_route_expects()
    {
        foreach (var target in await TargetsAsync())
        {
            if (target.Pattern.Parameters.Count == 0) continue;
            foreach (var value in HostileRouteValues)
                await SendAsync(target, new Probe(target.Method, Url(target, value), target.TakesBody ? Json("{}") : null, $"route value {Short(value)}"));
        }
        Report();
    }

    [Fact]
    public async Task query_strings_with_invalid_numbers_dates_enums_and_repeated_keys()
    {
        var openApi = await QueryNamesFromOpenApiAsync();
        foreach (var target in await TargetsAsync())
        {
            var names = KnownQueryNames.Concat(openApi.TryGetValue(Normalise(target.Pattern.RawText), out var declared) ? declared : [])
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var path = Url(target, null);
            foreach (var name in names)
            {
                foreach (var value in HostileQueryValues)
                    await SendAsync(target, new Probe(target.Method, $"{path}?{name}={value}", target.TakesBody ? Json("{}") : null, $"?{name}={Short(value)}"));
                await SendAsync(target, new Probe(target.Method, $"{path}?{name}=1&{name}=2&{name}=abc", target.TakesBody ? Json("{}") : null, $"repeated {name}"));
            }
            // Everything wrong at once, and a key with no name or value.
            await SendAsync(target, new Probe(target.Method, $"{path}?{string.Join('&', names.Select(n => $"{n}=%FF"))}&=&&=x", null, "all keys broken"));
        }
        Report();
    }

    [Fact]
    public async Task json_bodies_that_are_malformed_or_of_the_wrong_shape()
    {
        var schemas = await BodyPropertiesFromOpenApiAsync();
        var deepArray = new string('[', 10_000) + new string(']', 10_000);
        var deepObject = string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000);
        foreach (var target in (await TargetsAsync()).Where(t => t.TakesBody))
        {
            var url = Url(target, null);
            var properties = schemas.TryGetValue($"{target.Method} {Normalise(target.Pattern.RawText)}", out var p) ? p
                : ["url", "country", "from", "to", "department", "thresholds", "fields", "decision", "name"];
            string Each(Func<string, string> value) => "{" + string.Join(',', properties.Select(n => $"\"{n}\":{value(n)}")) + "}";

            var bodies = new (string Body, string Description)[]
            {
                ("{\"url\":", "truncated json"),
                ("{'url': 'x'}", "single quotes"),
                ("{\"a\":1,}", "trailing comma"),
                ("\uFEFF{}", "byte order mark"),
                ("[]", "array instead of object"),
                ("[{}]", "array of objects"),
                ("\"just a string\"", "string instead of object"),
                ("123", "number instead of object"),
                ("null", "null body"),
                ("true", "boolean body"),
                ("{}", "empty object"),
                (Each(_ => "null"), "nulls everywhere"),
                (Each(_ => "\"123\""), "numbers as strings"),
                (Each(_ => "123"), "strings as numbers"),
                (Each(_ => "1e999"), "numbers out of range"),
                (Each(_ => "[]"), "arrays everywhere"),
                (Each(_ => "{}"), "objects everywhere"),
                (Each(_ => "\"\\u0000\\uD800\""), "lone surrogate and NUL"),
                (Each(_ => "\"9999-99-99T99:99:99Z\""), "impossible dates"),
                (Each(_ => "{\"automationThreshold\":-1,\"confidenceThreshold\":\"NaN\",\"confidenceWeight\":1e308,\"validationWeight\":-1e308}"), "hostile thresholds"),
                ("{\"a\":1,\"a\":2}", "duplicate keys"),
                (deepArray, "10k nested arrays"),
                (deepObject, "10k nested objects"),
                ("{\"" + properties[0] + "\":\"" + new string('x', 5 * 1024 * 1024) + "\"}", "5 MB string field"),
            };
            foreach (var (body, description) in bodies)
                await SendAsync(target, new Probe(target.Method, url, Json(body), description));

            await SendAsync(target, new Probe(target.Method, url, new ByteArrayContent([]) { Headers = { ContentType = new("application/json") } }, "empty json body"));
            await SendAsync(target, new Probe(target.Method, url, null, "no body, no content type"));
            await SendAsync(target, new Probe(target.Method, url, new ByteArrayContent([0xFF, 0xFE, 0x00, 0xC3, 0x28]) { Headers = { ContentType = new("application/json") } }, "invalid UTF-8"));
            foreach (var contentType in new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=", "application/json; charset=utf-16", "application/octet-stream", "garbage////;;;", "image/png" })
            {
                var content = new ByteArrayContent(Encoding.UTF8.GetBytes("{}"));
                content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                await SendAsync(target, new Probe(target.Method, url, content, $"content type {contentType}"));
            }
        }
        Report();
    }

    [Fact]
    public async Task multipart_uploads_with_broken_boundaries_and_empty_files()
    {
        foreach (var target in (await TargetsAsync()).Where(t => t.IsMultipart))
        {
            var url = Url(target, null);
            var field = (target.Pattern.RawText ?? "").EndsWith("bulk", StringComparison.Ordinal) ? "files" : "file";
            foreach (var (content, description) in MultipartCorpus(field))
                await SendAsync(target, new Probe(target.Method, url, content, description));
        }
        Report();
    }

    [Theory]
    [InlineData("has spaces")]
    [InlineData("ümlaut")]
    [InlineData("a/b")]
    [InlineData("../admin")]
    [InlineData("x;drop table")]
    [InlineData("\u0001")]
    public async Task a_malformed_customer_id_header_is_a_400_problem(string tenant)
    {
        using var client = app.Host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/documents");
        Assert.True(request.Headers.TryAddWithoutValidation("X-Customer-Id", tenant));
        using var cts = new CancellationTokenSource(RequestTimeout);
        using var response = await client.SendAsync(request, cts.Token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task a_customer_id_header_of_a_thousand_characters_is_a_400_problem()
    {
        using var client = app.Host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/documents");
        request.Headers.Add("X-Customer-Id", new string('a', 1000));
        using var cts = new CancellationTokenSource(RequestTimeout);
        using var response = await client.SendAsync(request, cts.Token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    // Regressions found by the corpus above, one request each.

    [Theory]
    [InlineData("/api/documents?department=%00")]
    [InlineData("/api/analytics/usage?provider=a%00b")]
    [InlineData("/api/supplier-analyses?domain=%00")]
    [InlineData("/api/documents?page=2147483647")]
    [InlineData("/api/analytics/automation?to=0001-01-01")]
    [InlineData("/api/analytics/automation?to=9999-12-31T23:59:59Z")]
    [InlineData("/api/analytics/usage?to=0001-01-01")]
    public async Task query_values_that_used_to_be_a_500_are_a_400_problem(string url)
    {
        using var response = await SendOnceAsync(new HttpRequestMessage(HttpMethod.Get, url));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("POST", "/api/supplier-analyses")]
    [InlineData("POST", "/api/documents/rescore")]
    [InlineData("PUT", "/api/automation/settings")]
    [InlineData("POST", "/api/analytics/automation/what-if")]
    public async Task a_json_null_body_is_a_400_problem(string method, string url)
    {
        using var response = await SendOnceAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = Json(" null ") });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/documents", "--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhello")]
    [InlineData("/api/documents", "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhello\r\n--xyz--\r\n")]
    [InlineData("/api/documents/bulk", "--abc\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n\r\nhello")]
    public async Task a_truncated_or_mismatched_multipart_body_is_a_400_problem(string url, string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=abc");
        using var response = await SendOnceAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = content });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request)
    {
        using var client = app.Host.Server.CreateClient();
        request.Headers.TryAddWithoutValidation("X-Customer-Id", "hostile");
        using var cts = new CancellationTokenSource(RequestTimeout);
        return await client.SendAsync(request, cts.Token);
    }

    private static IEnumerable<(HttpContent Content, string Description)> MultipartCorpus(string field)
    {
        static HttpContent Raw(string contentType, string body)
        {
            var c = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            c.Headers.TryAddWithoutValidation("Content-Type", contentType);
            return c;
        }

        yield return (Raw("multipart/form-data; boundary=abc", $"--xyz\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"a.txt\"\r\n\r\nhello\r\n--xyz--\r\n"), "boundary that does not match the body");
        yield return (Raw("multipart/form-data", $"--abc\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"a.txt\"\r\n\r\nhello\r\n--abc--\r\n"), "no boundary parameter");
        yield return (Raw("multipart/form-data; boundary=", ""), "empty boundary and body");
        yield return (Raw("multipart/form-data; boundary=" + new string('b', 500), "--x\r\n"), "boundary longer than allowed");
        yield return (Raw("multipart/form-data; boundary=abc", $"--abc\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"a.txt\"\r\n\r\nhello"), "no closing boundary");
        yield return (Raw("multipart/form-data; boundary=abc", "--abc\r\n"), "only an opening boundary");
        yield return (Raw("multipart/form-data; boundary=abc", "--abc--\r\n"), "no parts");
        yield return (Raw("multipart/form-data; boundary=abc", $"--abc\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"a.txt\"\r\n\r\n\r\n--abc--\r\n"), "empty file");
        yield return (Raw("multipart/form-data; boundary=abc", "--abc\r\nContent-Disposition: garbage\r\n\r\nhello\r\n--abc--\r\n"), "broken content-disposition");
        yield return (Raw("multipart/form-data; boundary=abc", "--abc\r\nX-Header: " + new string('h', 20_000) + "\r\n\r\nx\r\n--abc--\r\n"), "huge part header");
        yield return (Raw("multipart/form-data; boundary=abc", $"--abc\r\nContent-Disposition: form-data; name=\"{field}\"\r\n\r\nnot a file but a value\r\n--abc--\r\n"), "file field sent as a value");
        yield return (Raw("multipart/form-data; boundary=abc", $"--abc\r\nContent-Disposition: form-data; name=\"department\"\r\n\r\n{new string('d', 10_000)}\r\n--abc--\r\n"), "10k department value");
        yield return (Raw("multipart/form-data; boundary=abc", $"--abc\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"../../etc/passwd\\u0000.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 truncated\r\n--abc--\r\n"), "truncated pdf with a traversal file name");
        yield return (Raw("multipart/form-data; boundary=abc", string.Concat(Enumerable.Repeat($"--abc\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"e.txt\"\r\n\r\n\r\n", 200)) + "--abc--\r\n"), "200 empty files");
        yield return (Raw("multipart/form-data; boundary=abc", $"--abc\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"bin.dat\"\r\n\r\n\u0000\u0001\u0002\u00FF\r\n--abc--\r\n"), "binary of no known kind");
        yield return (Raw("multipart/form-data; boundary=abc", "\r\n\r\n\r\n--abc--"), "preamble only");

        var empty = new MultipartFormDataContent { { new ByteArrayContent([]), field, "empty.pdf" } };
        yield return (empty, "well-formed multipart with an empty file");
        var noFile = new MultipartFormDataContent { { new StringContent("Finance"), "department" } };
        yield return (noFile, "well-formed multipart without a file");
        var badLabels = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes("Invoice 1\nTotal 12.00 EUR\n")), field, "\u202Eevil\u0000.txt" },
            { new StringContent("Fin\u0000ance\u0007"), "department" },
            { new StringContent(new string('i', 300)), "industry" },
        };
        yield return (badLabels, "control characters in labels");
    }

    private async Task SendAsync(Target target, Probe probe)
    {
        using var client = app.Host.Server.CreateClient();
        HttpRequestMessage request;
        try
        {
            request = new HttpRequestMessage(new HttpMethod(probe.Method), probe.Url) { Content = probe.Content };
        }
        catch (UriFormatException)
        {
            return; // not a request any client could send
        }
        using (request)
        {
            request.Headers.TryAddWithoutValidation("X-Customer-Id", "hostile");
            using var cts = new CancellationTokenSource(RequestTimeout);
            var what = $"{target.Display} [{probe.Description}] {probe.Method} {Short(probe.Url, 160)}";
            _sent++;
            try
            {
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cts.Token);
                var status = (int)response.StatusCode;
                if (status >= 500)
                {
                    var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                    _failures.Add($"{what} -> {status}: {Short(body, 600)}");
                }
                else if (status >= 400 && target.IsApi && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                    _failures.Add($"{what} -> {status} as '{response.Content.Headers.ContentType}', not application/problem+json: {Short(body, 300)}");
                }
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                _failures.Add($"{what} -> no answer within {RequestTimeout.TotalSeconds:0} s");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The in-memory server surfaces an unhandled exception thrown after the response started as an exception here.
                _failures.Add($"{what} -> exception {e.GetType().Name}: {Short(e.Message, 600)}");
            }
        }
    }

    private void Report()
    {
        output.WriteLine($"{_sent} requests, {_failures.Count} failures");
        foreach (var failure in _failures.Take(200)) output.WriteLine(failure);
        Assert.True(_failures.Count == 0, $"{_failures.Count} of {_sent} hostile requests failed:\n" + string.Join('\n', _failures.Take(40)));
        Assert.True(_sent > 0, "no requests were sent");
    }

    private async Task<IReadOnlyList<Target>> TargetsAsync()
    {
        await Task.CompletedTask;
        var sources = app.Host.Services.GetRequiredService<EndpointDataSource>();
        var targets = new List<Target>();
        foreach (var endpoint in sources.Endpoints.OfType<RouteEndpoint>())
        {
            var raw = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (Excluded.Any(e => raw.Equals(e, StringComparison.OrdinalIgnoreCase))) continue;
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods.Where(m => m is "GET" or "POST" or "PUT" or "PATCH" or "DELETE"))
                targets.Add(new Target(method, endpoint.RoutePattern, $"{method} {raw}"));
        }
        Assert.Contains(targets, t => t.Display == "POST /api/documents");
        Assert.Contains(targets, t => t.Display == "POST /api/supplier-analyses");
        return targets.DistinctBy(t => t.Display).OrderBy(t => t.Display, StringComparer.Ordinal).ToList();
    }

    /// <summary>The route with every parameter replaced: by <paramref name="hostile"/> (already URL-encoded), or by a
    /// plausible value (a fresh GUID for ids, else a word) when null.</summary>
    private static string Url(Target target, string? hostile) =>
        RouteUrls.Fill(target.Pattern, parameter =>
            hostile ?? (parameter.Name.Contains("id", StringComparison.OrdinalIgnoreCase) ? Guid.NewGuid().ToString() : "example"));

    private static string Normalise(string? raw)
    {
        var text = "/" + (raw ?? "").TrimStart('/');
        return System.Text.RegularExpressions.Regex.Replace(text, @"\{([^}:=?*]+)[^}]*\}", "{$1}").TrimEnd('/');
    }

    private async Task<JsonDocument?> OpenApiAsync()
    {
        using var client = app.Host.Server.CreateClient();
        using var response = await client.GetAsync("/openapi/v1.json");
        return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()) : null;
    }

    private async Task<Dictionary<string, List<string>>> QueryNamesFromOpenApiAsync()
    {
        var result = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        using var doc = await OpenApiAsync();
        if (doc is null || !doc.RootElement.TryGetProperty("paths", out var paths)) return result;
        foreach (var path in paths.EnumerateObject())
        {
            var names = new List<string>();
            foreach (var operation in path.Value.EnumerateObject())
                if (operation.Value.ValueKind == JsonValueKind.Object && operation.Value.TryGetProperty("parameters", out var parameters))
                    foreach (var parameter in parameters.EnumerateArray())
                        if (parameter.TryGetProperty("in", out var where) && where.GetString() == "query")
                            names.Add(parameter.GetProperty("name").GetString()!);
            result[Normalise(path.Name)] = names;
        }
        return result;
    }

    private async Task<Dictionary<string, List<string>>> BodyPropertiesFromOpenApiAsync()
    {
        var result = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        using var doc = await OpenApiAsync();
        if (doc is null || !doc.RootElement.TryGetProperty("paths", out var paths)) return result;
        doc.RootElement.TryGetProperty("components", out var components);
        foreach (var path in paths.EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Value.ValueKind != JsonValueKind.Object
                    || !operation.Value.TryGetProperty("requestBody", out var body)
                    || !body.TryGetProperty("content", out var content)) continue;
                foreach (var media in content.EnumerateObject())
                {
                    if (!media.Value.TryGetProperty("schema", out var schema)) continue;
                    if (schema.TryGetProperty("$ref", out var reference) && components.ValueKind == JsonValueKind.Object)
                    {
                        var name = reference.GetString()!.Split('/').Last();
                        if (components.TryGetProperty("schemas", out var schemas) && schemas.TryGetProperty(name, out var resolved)) schema = resolved;
                    }
                    if (schema.TryGetProperty("properties", out var properties))
                    {
                        var names = properties.EnumerateObject().Select(p => p.Name).ToList();
                        if (names.Count > 0) result[$"{operation.Name.ToUpperInvariant()} {Normalise(path.Name)}"] = names;
                    }
                }
            }
        return result;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static string Short(string text, int max = 40) => text.Length <= max ? text : text[..max] + $"…({text.Length})";
}
