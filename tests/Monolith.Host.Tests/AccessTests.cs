using System.Net;
using Alba;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Monolith.BuildingBlocks.Access;
using Monolith.Testing;
using Monolith.Testing.CompanySites;
using Npgsql;
using Xunit.Abstractions;

namespace Monolith.Host.Tests;

/// <summary>
/// The Host in keys mode with no automatic sign-in: every request here carries exactly the credentials the test gives
/// it. Tenant "acme" owns data (documents, a supplier and prospect analysis over the fixture company sites, a bulk
/// batch, a re-score run, a key); "globex" is the other customer.
/// </summary>
public class AccessFixture : CompanySitesAppFixture
{
    protected override bool SignInFromTenantHeader => false;

    public HttpClient Client(string? key = null)
    {
        var client = Host.Server.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(120);
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public async Task<HttpClient> ClientAsync(string tenant, AccessRole role = AccessRole.Admin) => Client(await KeyAsync(tenant, role));

    /// <summary>Every API endpoint (method × route pattern) with its metadata.</summary>
    public IReadOnlyList<(string Method, RouteEndpoint Endpoint)> ApiEndpoints() =>
        [.. Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => ("/" + e.RoutePattern.RawText?.TrimStart('/')).StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, e)))
            .OrderBy(x => x.e.RoutePattern.RawText, StringComparer.Ordinal).ThenBy(x => x.m, StringComparer.Ordinal)];

    public static string Route(RouteEndpoint endpoint) => "/" + endpoint.RoutePattern.RawText!.TrimStart('/');

    /// <summary>The route with every parameter filled by <paramref name="value"/> (escaped).</summary>
    public static string Fill(RouteEndpoint endpoint, Func<RoutePatternParameterPart, string> value) =>
        RouteUrls.Fill(endpoint.RoutePattern, p => Uri.EscapeDataString(value(p)));

    public static HttpRequestMessage Request(string method, string url)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT" or "PATCH") request.Content = JsonContent.Create(new { });
        return request;
    }
}

public class when_a_request_has_no_valid_credentials(AccessFixture app, ITestOutputHelper output) : IClassFixture<AccessFixture>
{
    [Fact]
    public async Task every_api_endpoint_answers_401_problem_and_does_nothing()
    {
        using var anonymous = app.Client();
        using var wrong = app.Client("mk_" + new string('x', 43));
        var checkedCount = 0;
        foreach (var (method, endpoint) in app.ApiEndpoints())
        {
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null) continue;
            var url = AccessFixture.Fill(endpoint, _ => Guid.NewGuid().ToString());
            foreach (var client in new[] { anonymous, wrong })
            {
                using var response = await client.SendAsync(AccessFixture.Request(method, url));
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {url}: {(int)response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
                checkedCount++;
            }
        }
        output.WriteLine($"{checkedCount} requests, all 401");
        Assert.True(checkedCount > 60, $"only {checkedCount} endpoint requests: endpoint discovery broke");

        // Nothing was created by any of them.
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand($"select count(*) from \"{app.Store.Options.Events.DatabaseSchemaName}\".mt_events", connection);
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
    }

    [Theory]
    [InlineData("Bearer mk_short")]
    [InlineData("Bearer ")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer mk_\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9")]
    public async Task malformed_authorization_headers_are_401_not_500(string header)
    {
        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/documents");
        request.Headers.TryAddWithoutValidation("Authorization", header);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task pages_and_health_need_no_key()
    {
        using var client = app.Client();
        foreach (var url in new[] { "/", "/health/live", "/openapi/v1.json" })
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
    }
}

public class when_a_role_is_too_small(AccessFixture app, ITestOutputHelper output) : IClassFixture<AccessFixture>
{
    /// <summary>Admin-only: settings, re-scoring, retraining, rebuilding, keys. A change here must be deliberate.</summary>
    private static readonly string[] AdminOnly =
    [
        "DELETE /api/access/keys/{id}", "DELETE /api/documents/vendors/{id}", "GET /api/access/keys", "POST /api/access/keys",
        "POST /api/analytics/projections/{name}/rebuild", "POST /api/documents/models/train", "POST /api/documents/rescore", "POST /api/prospect-analyses/rescore",
        "PUT /api/automation/settings", "PUT /api/automation/settings/departments/{department}",
        "DELETE /api/webhooks/{id}", "GET /api/webhooks", "GET /api/webhooks/{id}/deliveries", "POST /api/webhooks",
    ];

    [Fact]
    public async Task viewers_read_operators_work_and_only_admins_change_settings_rescore_rebuild_or_manage_keys()
    {
        var endpoints = app.ApiEndpoints().Where(x => x.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null).ToList();
        var admin = endpoints.Where(x => x.Endpoint.Metadata.GetMetadata<RequiresRoleAttribute>()?.Role == AccessRole.Admin)
            .Select(x => $"{x.Method} {AccessFixture.Route(x.Endpoint)}").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(AdminOnly.Order(StringComparer.Ordinal), admin);

        using var viewer = await app.ClientAsync("acme", AccessRole.Viewer);
        using var operatorClient = await app.ClientAsync("acme", AccessRole.Operator);
        var refused = 0;
        foreach (var (method, endpoint) in endpoints)
        {
            var needed = AccessControlMiddleware.RequiredRole(method, endpoint.Metadata.GetMetadata<RequiresRoleAttribute>());
            var url = AccessFixture.Fill(endpoint, _ => Guid.NewGuid().ToString());
            foreach (var (role, client) in new[] { (AccessRole.Viewer, viewer), (AccessRole.Operator, operatorClient) })
            {
                if (role >= needed) continue;
                using var response = await client.SendAsync(AccessFixture.Request(method, url));
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{role} {method} {url}: {(int)response.StatusCode}");
                Assert.Contains(needed.ToString().ToLowerInvariant(), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                refused++;
            }
        }
        output.WriteLine($"{refused} requests refused with 403");

        // And what a role may do, it can: a viewer reads, an operator starts work.
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/documents")).StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/analytics/automation/what-if", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/analytics/automation/curve?threshold=confidence")).StatusCode);
        using var work = await operatorClient.PostAsJsonAsync("/api/supplier-analyses", new { url = "https://operator-work.example", country = "DE" });
        Assert.Equal(HttpStatusCode.Accepted, work.StatusCode);
    }

    [Fact]
    public async Task a_rebuild_replays_every_customer_so_only_platform_admins_may_ask()
    {
        using var otherAdmin = await app.ClientAsync("globex");
        using var refused = await otherAdmin.PostAsync("/api/analytics/projections/CompanyHistory/rebuild", null);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Access:PlatformTenant", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var platformAdmin = await app.ClientAsync("default");
        using var done = await platformAdmin.PostAsync("/api/analytics/projections/CompanyHistory/rebuild", null);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
    }
}

public class when_another_customer_uses_my_ids(AccessFixture app, ITestOutputHelper output) : IClassFixture<AccessFixture>
{
    private const string Invoice = """
        INVOICE
        Invoice number: ACC-{0}
        Invoice date: 2026-03-02
        Seller: Nordwind Bürobedarf GmbH, Hafenstraße 12, 20457 Hamburg
        VAT ID: DE123456789
        Subtotal                                 350.00
        VAT 19%                                   66.50
        Total                                EUR 416.50
        """;

    /// <summary>The approved receipt's vendor: in acme's vendor list and training data, nowhere for anyone else.</summary>
    private const string ApprovedVendor = "ACME PAPER SUPPLY LTD";

    /// <summary>Lists and exports that show acme's data to acme.</summary>
    private static readonly HashSet<string> OwnersLists = new(StringComparer.Ordinal)
    {
        "/api/documents", "/api/documents/review-queue", "/api/documents/training-data", "/api/documents/vendors",
        "/api/supplier-analyses", "/api/prospect-analyses", "/api/access/keys", "/api/webhooks",
    };

    /// <summary>Route parameters that are not another customer's ids, and why.</summary>
    private static readonly Dictionary<string, string> NotIds = new(StringComparer.Ordinal)
    {
        ["/api/analytics/projections/{name}/rebuild"] = "a projection name; platform admins only (tested above)",
        ["/api/automation/settings/departments/{department}"] = "a department name inside the caller's own settings (tested below)",
    };

    [Fact]
    public async Task every_endpoint_with_an_id_answers_404_and_lists_never_show_them()
    {
        using var acme = await app.ClientAsync("acme");
        using var globex = await app.ClientAsync("globex");
        var ids = await CreateAcmeDataAsync(acme);

        var covered = 0;
        foreach (var (method, endpoint) in app.ApiEndpoints())
        {
            var route = AccessFixture.Route(endpoint);
            if (endpoint.RoutePattern.Parameters.Count == 0 || NotIds.ContainsKey(route)) continue;
            // A page number is not an id: the first page.
            var parameter = endpoint.RoutePattern.Parameters.Single(p => p.Name != "number").Name;
            var key = $"{route}";
            Assert.True(ids.TryGetValue(key, out var value), $"{method} {route}: no acme id for '{parameter}' — add it to CreateAcmeDataAsync or NotIds");
            var url = AccessFixture.Fill(endpoint, p => p.Name == "number" ? "1" : value!);

            using (var response = await globex.SendAsync(AccessFixture.Request(method, url)))
            {
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"globex {method} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
            // The id is real: its owner does not get a 404 (so the 404 above is about the customer, not the id).
            if (method == "GET")
            {
                using var own = await acme.GetAsync(url);
                Assert.True(own.StatusCode == HttpStatusCode.OK, $"acme {method} {url}: {(int)own.StatusCode}");
            }
            covered++;
        }
        output.WriteLine($"{covered} endpoints with ids answered 404 to the other customer");
        Assert.True(covered >= 15, $"only {covered}");

        // Lists, exports, analytics and the key list of the other customer never mention acme's ids or companies;
        // acme's own do (an empty list would hide nothing from anyone).
        var secrets = ids.Values.Append("brightpath-it.test").Append("nordlicht-logistik.test").Append(ApprovedVendor).Distinct().ToList();
        var shownToOwner = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (method, endpoint) in app.ApiEndpoints())
        {
            var route = AccessFixture.Route(endpoint);
            if (method != "GET" || endpoint.RoutePattern.Parameters.Count > 0 || route == "/api/live") continue;
            using var response = await globex.GetAsync(route);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"globex GET {route}: {(int)response.StatusCode}");
            foreach (var secret in secrets)
                Assert.False(body.Contains(secret, StringComparison.OrdinalIgnoreCase), $"GET {route} shows acme's {secret}");
            var own = await acme.GetStringAsync(route);
            if (secrets.Any(secret => own.Contains(secret, StringComparison.OrdinalIgnoreCase))) shownToOwner.Add(route);
        }
        output.WriteLine("acme sees its own data in " + string.Join(", ", shownToOwner.Order(StringComparer.Ordinal)));
        Assert.Superset(OwnersLists, shownToOwner);

        // The error/automation curve counts only the caller's documents: acme's invoice, once Analytics has recorded it.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await SampleSize(acme) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "acme's document never reached the curve");
            await Task.Delay(200);
        }
        Assert.Equal(0, await SampleSize(globex));

        // The other customer's department settings are its own.
        using (var put = await acme.PutAsJsonAsync("/api/automation/settings/departments/finance", new { automationThreshold = 0.97 }))
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        var theirs = await globex.GetStringAsync("/api/automation/settings/departments/finance");
        Assert.DoesNotContain("0.97", theirs, StringComparison.Ordinal);
        Assert.Contains("0.97", await acme.GetStringAsync("/api/automation/settings/departments/finance"), StringComparison.Ordinal);
    }

    private static async Task<long> SampleSize(HttpClient client) =>
        JsonDocument.Parse(await client.GetStringAsync("/api/analytics/automation/curve")).RootElement.GetProperty("sampleSize").GetInt64();

    /// <summary>acme's data, keyed by the route pattern whose parameter it fills.</summary>
    private static async Task<string> Upload(HttpClient client, byte[] content, string fileName)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", fileName } };
        return (await Json(await client.PostAsync("/api/documents?wait=true", form), HttpStatusCode.OK)).GetProperty("id").GetString()!;
    }

    private async Task<Dictionary<string, string>> CreateAcmeDataAsync(HttpClient acme)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, Invoice, Guid.NewGuid())));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", "invoice.txt");
        var document = await Json(await acme.PostAsync("/api/documents?wait=true", form), HttpStatusCode.OK);
        var documentId = document.GetProperty("id").GetString()!;
        foreach (var suffix in new[] { "", "/content", "/events", "/text", "/review" })
            ids[$"/api/documents/{{id}}{suffix}"] = documentId;
        // A layout needs word positions (a PDF's text layer); a page image, an image or PDF.
        ids["/api/documents/{id}/layout"] = await Upload(acme, SampleDocuments.TextPdf("INVOICE", $"Invoice No: ACC-{Guid.NewGuid():N}", "Total EUR 9.00"), "invoice.pdf");
        ids["/api/documents/{id}/pages/{number}/image"] = await Upload(acme, [.. Convert.FromBase64String(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="), .. Guid.NewGuid().ToByteArray()], "page.png");

        // A vendor profile: learned from an approved review of another acme document.
        var reviewed = await Upload(acme, Encoding.UTF8.GetBytes($"{ApprovedVendor}\nRECEIPT {Guid.NewGuid():N}\nDATE 01/03/2024\nTOTAL 5.00"), "receipt.txt");
        await Json(await acme.PostAsJsonAsync($"/api/documents/{reviewed}/review", new { action = "approve" }), HttpStatusCode.OK);
        var learnedBy = DateTime.UtcNow.AddSeconds(20);
        var vendors = await Json(await acme.GetAsync("/api/documents/vendors"), HttpStatusCode.OK);
        while (vendors.GetProperty("total").GetInt32() == 0 && DateTime.UtcNow < learnedBy)
        {
            await Task.Delay(100);
            vendors = await Json(await acme.GetAsync("/api/documents/vendors"), HttpStatusCode.OK);
        }
        ids["/api/documents/vendors/{id}"] = vendors.GetProperty("items")[0].GetProperty("id").GetString()!;

        var rescore = await Json(await acme.PostAsJsonAsync("/api/documents/rescore",
            new { from = DateTimeOffset.UtcNow.AddHours(-1), to = DateTimeOffset.UtcNow.AddMinutes(1) }), HttpStatusCode.Accepted);
        ids["/api/documents/rescore/{id}"] = rescore.GetProperty("rescoreId").GetString()!;

        var supplier = await Json(await acme.PostAsJsonAsync("/api/supplier-analyses?wait=true",
            new { url = app.Sites.UrlOf("brightpath-it.test").AbsoluteUri, country = "GB" }), HttpStatusCode.OK);
        var supplierId = supplier.GetProperty("id").GetString()!;
        foreach (var suffix in new[] { "", "/events", "/retry" }) ids[$"/api/supplier-analyses/{{id}}{suffix}"] = supplierId;
        ids["/api/analytics/suppliers/{supplierAnalysisId}/pipeline"] = supplierId;

        // The Prospect module learns the supplier's clusters from a message: 409 until then.
        JsonElement prospect = default;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await acme.PostAsJsonAsync("/api/prospect-analyses?wait=true",
                new { url = app.Sites.UrlOf("nordlicht-logistik.test").AbsoluteUri, country = "DE", supplierAnalysisId = supplierId });
            if (response.StatusCode == HttpStatusCode.OK) { prospect = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone(); break; }
            Assert.True(response.StatusCode == HttpStatusCode.Conflict && DateTime.UtcNow < deadline, $"prospect: {(int)response.StatusCode}");
            await Task.Delay(200);
        }
        var prospectId = prospect.GetProperty("id").GetString()!;
        foreach (var suffix in new[] { "", "/events", "/retry" }) ids[$"/api/prospect-analyses/{{id}}{suffix}"] = prospectId;

        var bulk = await Json(await acme.PostAsJsonAsync("/api/prospect-analyses/bulk", new
        {
            supplierAnalysisId = supplierId,
            prospects = new[] { new { url = app.Sites.UrlOf("alpen-ingenieure.test").AbsoluteUri, country = "CH" } },
        }), HttpStatusCode.Accepted);
        ids["/api/prospect-analyses/bulk/{batchId}"] = bulk.GetProperty("batchId").GetString()!;

        ids["/api/analytics/companies/{domain}/history"] = "brightpath-it.test";

        var key = await Json(await acme.PostAsJsonAsync("/api/access/keys", new { name = "acme integration", role = "viewer" }), HttpStatusCode.Created);
        ids["/api/access/keys/{id}"] = key.GetProperty("key").GetProperty("id").GetString()!;

        var webhook = await Json(await acme.PostAsJsonAsync("/api/webhooks", new { url = "https://crm.example.com/hooks/acme", events = new[] { "document.decided" } }),
            HttpStatusCode.Created);
        foreach (var suffix in new[] { "", "/deliveries" }) ids[$"/api/webhooks/{{id}}{suffix}"] = webhook.GetProperty("id").GetString()!;

        // Analytics learns about the analyses from messages: wait until acme's history shows the supplier.
        deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await acme.GetAsync("/api/analytics/companies/brightpath-it.test/history")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "acme's company history never appeared");
            await Task.Delay(200);
        }
        return ids;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }
    }
}

public class when_keys_are_managed(AccessFixture app) : IClassFixture<AccessFixture>
{
    [Fact]
    public async Task an_issued_key_works_until_revoked_and_is_stored_only_as_a_hash()
    {
        using var admin = await app.ClientAsync("initech");
        using var issued = await admin.PostAsJsonAsync("/api/access/keys", new { name = "erp connector", role = "operator" });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        Assert.Equal("no-store", issued.Headers.CacheControl?.ToString());
        var body = JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement;
        var key = body.GetProperty("apiKey").GetString()!;
        var id = body.GetProperty("key").GetProperty("id").GetGuid();
        Assert.StartsWith("mk_", key, StringComparison.Ordinal);

        using var connector = app.Client(key);
        var session = JsonDocument.Parse(await connector.GetStringAsync("/api/session")).RootElement;
        Assert.Equal(("initech", "operator", "erp connector"),
            (session.GetProperty("tenant").GetString(), session.GetProperty("role").GetString(), session.GetProperty("keyName").GetString()));

        // Neither the list nor any table nor any event holds the key.
        var list = await admin.GetStringAsync("/api/access/keys");
        Assert.Contains("erp connector", list, StringComparison.Ordinal);
        Assert.DoesNotContain(key, list, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKeySecret.Hash(key), list, StringComparison.Ordinal);
        Assert.Equal(0, await CountRowsContainingAsync(key));
        Assert.Equal(1, await CountRowsContainingAsync(ApiKeySecret.Hash(key))); // the key's own record, nothing else

        // An operator cannot issue keys; a revoked key stops at once on this node.
        using (var refused = await connector.PostAsJsonAsync("/api/access/keys", new { name = "escalate", role = "admin" }))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using (var revoked = await admin.DeleteAsync($"/api/access/keys/{id}")) Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await connector.GetAsync("/api/documents")).StatusCode);

        // The audit trail: issued and revoked events on the key's stream, without the key.
        await using var query = app.Store.QuerySession("initech");
        var events = await query.Events.FetchStreamAsync(id);
        Assert.Equal(["api_key_issued", "api_key_revoked"], events.Select(e => e.EventTypeName).ToArray());
    }

    [Fact]
    public async Task bad_key_requests_are_400s_naming_the_field()
    {
        using var admin = await app.ClientAsync("initech");
        using var response = await admin.PostAsJsonAsync("/api/access/keys", new { name = "", role = "root" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"name\"", text, StringComparison.Ordinal);
        Assert.Contains("\"role\"", text, StringComparison.Ordinal);
    }

    private async Task<long> CountRowsContainingAsync(string needle)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<(string Schema, string Table)>();
        await using (var list = new NpgsqlCommand("select table_schema, table_name from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog','information_schema')", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add((reader.GetString(0), reader.GetString(1)));
        long total = 0;
        foreach (var (schema, table) in tables)
        {
            await using var count = new NpgsqlCommand($"select count(*) from \"{schema}\".\"{table}\" t where t::text like '%' || @needle || '%'", connection);
            count.Parameters.AddWithValue("needle", needle);
            total += (long)(await count.ExecuteScalarAsync())!;
        }
        return total;
    }
}

public class when_the_dashboard_signs_in(AccessFixture app) : IClassFixture<AccessFixture>
{
    [Fact]
    public async Task a_key_becomes_an_http_only_strict_cookie_that_reads_only_its_tenant_and_ends_on_sign_out()
    {
        var key = await app.KeyAsync("umbrella", AccessRole.Operator);
        using var browser = app.Client();
        using var signIn = await browser.PostAsJsonAsync("/api/session", new { apiKey = key });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(key, cookie, StringComparison.Ordinal);
        var pair = cookie.Split(';')[0];

        async Task<HttpResponseMessage> Send(HttpMethod method, string url, object? body = null, bool header = false)
        {
            var request = new HttpRequestMessage(method, url);
            request.Headers.Add("Cookie", pair);
            if (header) request.Headers.Add("X-Requested-With", "monolith");
            if (body is not null) request.Content = JsonContent.Create(body);
            return await browser.SendAsync(request);
        }

        var who = JsonDocument.Parse(await (await Send(HttpMethod.Get, "/api/session")).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("umbrella", "operator", "session"), (who.GetProperty("tenant").GetString(), who.GetProperty("role").GetString(), who.GetProperty("via").GetString()));

        // A state change with only the cookie (what a cross-site form could send) is refused; with the header it passes.
        var analysis = new { url = "https://umbrella-target.example", country = "DE" };
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(HttpMethod.Post, "/api/supplier-analyses", analysis)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Send(HttpMethod.Post, "/api/supplier-analyses", analysis, header: true)).StatusCode);
        var mine = await (await Send(HttpMethod.Get, "/api/supplier-analyses")).Content.ReadAsStringAsync();
        Assert.Contains("umbrella-target.example", mine, StringComparison.Ordinal);

        // Sign out ends the session server-side: the same cookie no longer works.
        Assert.Equal(HttpStatusCode.NoContent, (await Send(HttpMethod.Delete, "/api/session")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Get, "/api/supplier-analyses")).StatusCode);
    }

    [Fact]
    public async Task a_wrong_key_does_not_sign_in_and_a_revoked_key_ends_its_sessions()
    {
        using var browser = app.Client();
        using (var wrong = await browser.PostAsJsonAsync("/api/session", new { apiKey = "mk_" + new string('q', 43) }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.False(wrong.Headers.Contains("Set-Cookie"));
        }

        using var admin = await app.ClientAsync("umbrella");
        var issued = JsonDocument.Parse(await (await admin.PostAsJsonAsync("/api/access/keys", new { name = "kiosk", role = "viewer" })).Content.ReadAsStringAsync()).RootElement;
        using var signIn = await browser.PostAsJsonAsync("/api/session", new { apiKey = issued.GetProperty("apiKey").GetString() });
        var pair = signIn.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        using (var before = new HttpRequestMessage(HttpMethod.Get, "/api/documents"))
        {
            before.Headers.Add("Cookie", pair);
            Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(before)).StatusCode);
        }
        await admin.DeleteAsync($"/api/access/keys/{issued.GetProperty("key").GetProperty("id").GetGuid()}");
        using var after = new HttpRequestMessage(HttpMethod.Get, "/api/documents");
        after.Headers.Add("Cookie", pair);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.SendAsync(after)).StatusCode);
    }
}

public class RateLimitedFixture : AppFixture
{
    protected override bool SignInFromTenantHeader => false;
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Access:RateLimit:RequestsPerMinute"] = "30",
        ["Access:RateLimit:Burst"] = "5",
        ["Access:RateLimit:AnonymousRequestsPerMinute"] = "12",
    };
}

public class when_a_key_sends_too_many_requests(RateLimitedFixture app) : IClassFixture<RateLimitedFixture>
{
    [Fact]
    public async Task it_gets_429_with_retry_after_and_other_keys_are_not_affected()
    {
        using var greedy = app.Host.Server.CreateClient();
        greedy.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.KeyAsync("acme"));
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 8 && limited is null; i++)
        {
            var response = await greedy.GetAsync("/api/documents");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited = response;
        }
        Assert.NotNull(limited);
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK)); // the burst
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 2); // one request per 2 s at 30/min

        using var other = app.Host.Server.CreateClient();
        other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.KeyAsync("globex"));
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/documents")).StatusCode);

        // After Retry-After the key may send again.
        await Task.Delay(retryAfter.Value + TimeSpan.FromMilliseconds(200));
        Assert.Equal(HttpStatusCode.OK, (await greedy.GetAsync("/api/documents")).StatusCode);
    }

    [Fact]
    public async Task guessing_keys_is_limited_per_client_address()
    {
        using var guesser = app.Host.Server.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/documents");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "mk_" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"));
            statuses.Add((await guesser.SendAsync(request)).StatusCode);
        }
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.DoesNotContain(HttpStatusCode.OK, statuses);
    }
}

public class DevelopmentModeFixture : AppFixture
{
    protected override bool SignInFromTenantHeader => false;
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Access:Mode"] = "Development" };
}

public class when_development_mode_is_chosen(DevelopmentModeFixture app) : IClassFixture<DevelopmentModeFixture>
{
    [Fact]
    public async Task local_callers_need_no_key_and_name_their_tenant_but_remote_ones_are_refused()
    {
        var local = await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/session");
            s.WithRequestHeader("X-Customer-Id", "dev-shop");
            s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = IPAddress.Loopback);
        });
        var who = JsonDocument.Parse(await local.ReadAsTextAsync()).RootElement;
        Assert.Equal(("dev-shop", "admin", "development"), (who.GetProperty("tenant").GetString(), who.GetProperty("role").GetString(), who.GetProperty("via").GetString()));

        await app.Host.Scenario(s =>
        {
            s.Get.Url("/api/documents");
            s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7"));
            s.StatusCodeShouldBe(HttpStatusCode.Forbidden);
            s.ContentTypeShouldBe("application/problem+json");
        });
    }
}
