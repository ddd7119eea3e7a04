using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Monolith.Testing;
using Monolith.Testing.CompanySites;
using Monolith.Testing.OpenAI;
using Npgsql;

namespace Monolith.Host.Tests.Secrets;

/// <summary>
/// The Host as a process with distinctive secrets in its configuration, driven so that every provider fails (the OpenAI stub
/// answers 401 quoting the key it got, the Document Intelligence stub 401 echoing its key): no secret may appear in the
/// logs (Debug level), responses, <c>/metrics</c>, or any row of the database (events, documents, Wolverine envelopes and
/// dead letters).
/// </summary>
public sealed class when_providers_fail_with_secrets_configured : IAsyncLifetime
{
    private const string LlmKey = "sk-test-SECRET-7f3a9c1e5b2d4a60";
    private const string DocumentsOpenAIKey = "sk-test-SECRET-docs-81b2c3d4e5f6";
    private const string AzureKey = "azure-SECRET-5e6f7a8b9c0d1e2f";
    private const string PostgresPassword = "pg-SECRET-3c4d5e6f7a8b";
    private const string RedisPassword = "redis-SECRET-9a8b7c6d";
    private const string WrongApiKey = "mk_wrong-SECRET-0a1b2c3d4e5f60718293";
    /// <summary>Inbound API keys are secrets too: the one the client uses and one a caller guessed wrongly.</summary>
    private static readonly string[] Secrets = [LlmKey, DocumentsOpenAIKey, AzureKey, PostgresPassword, RedisPassword,
        TestKeys.For("secrets"), WrongApiKey];

    private string? _database;
    private OpenAIChatStub _llm = null!;
    private CompanySitesServer _sites = null!;
    private WebApplication _azure = null!;
    private string _connectionString = "";
    private readonly StringBuilder _responses = new();

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync("secrets");
        var admin = new NpgsqlConnectionStringBuilder(await TestPostgres.ConnectionStringAsync(_database));
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                $"do $$ begin if not exists (select from pg_roles where rolname = 'leakcheck') then create role leakcheck login superuser password '{PostgresPassword}'; end if; end $$", connection);
            await command.ExecuteNonQueryAsync();
        }
        admin.Username = "leakcheck";
        admin.Password = PostgresPassword;
        _connectionString = admin.ConnectionString;
        _llm = await OpenAIChatStub.StartAsync();
        _sites = await CompanySitesServer.StartAsync();
        _azure = await StartAzureStubAsync();
    }

    [Fact]
    public async Task no_secret_appears_in_logs_responses_metrics_or_the_database()
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = _connectionString,
            ["CritterStack__DurabilityMode"] = "Solo",
            ["Logging__LogLevel__Default"] = "Debug",
            ["Logging__LogLevel__Microsoft"] = "Debug",
            ["Logging__LogLevel__System"] = "Debug",
            ["CompanyAnalysis__Analyzer"] = "openai",
            ["Llm__Endpoint"] = _llm.Endpoint.AbsoluteUri,
            ["Llm__ApiKey"] = LlmKey,
            ["Resilience__Dependencies__Llm__MaxRetryAttempts"] = "0",
            ["Documents__OpenAI__Endpoint"] = _llm.Endpoint.AbsoluteUri,
            ["Documents__OpenAI__ApiKey"] = DocumentsOpenAIKey,
            ["Documents__Azure__Endpoint"] = _azure.Urls.First(),
            ["Documents__Azure__ApiKey"] = AzureKey,
            ["Documents__DefaultProviders__0"] = "azure",
            ["Documents__DefaultProviders__1"] = "openai",
            ["Resilience__Dependencies__DocumentIntelligence__MaxRetryAttempts"] = "0",
            ["Redis__Configuration"] = $"127.0.0.1:1,password={RedisPassword},abortConnect=false,connectTimeout=200",
        };
        foreach (var (key, value) in _sites.HostAddressSettings()) environment[key.Replace(":", "__", StringComparison.Ordinal)] = value!;

        await using (var host = HostProcess.Start(environment))
        {
            await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
            using var client = host.Client("secrets");

            var site = _sites.UrlOf(CompanySitesServer.Hosts[0]);
            var analysis = await SendAsync(client, () => client.PostAsJsonAsync("/api/supplier-analyses?wait=true", new { url = site.AbsoluteUri, country = "NL" }));
            using var form = new MultipartFormDataContent();
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("Invoice 4711\nTotal 12.00 EUR\nACME GmbH\n")) { Headers = { ContentType = new("text/plain") } }, "file", "invoice.txt");
            await SendAsync(client, () => client.PostAsync("/api/documents?wait=true", form));
            await SendAsync(client, () => client.GetAsync("/api/documents"));
            await SendAsync(client, () => client.GetAsync("/api/supplier-analyses"));
            await SendAsync(client, () => client.GetAsync("/health/ready"));
            await SendAsync(client, () => client.GetAsync("/api/supplier-analyses?page=0"));
            await SendAsync(client, () => client.GetAsync("/metrics"));
            using (var wrong = host.AnonymousClient())
            {
                wrong.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", WrongApiKey);
                await SendAsync(wrong, () => wrong.GetAsync("/api/documents"));
                await SendAsync(wrong, () => wrong.PostAsJsonAsync("/api/session", new { apiKey = WrongApiKey }));
            }
            Assert.True(_llm.Requests.Any(r => r.StatusCode == 401), "the LLM stub was never called with the configured key: " + analysis);

            await host.TerminateAsync(TimeSpan.FromSeconds(60));
            AssertNoSecret("stdout", host.StandardOutput);
            AssertNoSecret("stderr", host.StandardError);
        }
        AssertNoSecret("responses", _responses.ToString());
        await AssertNoSecretInDatabaseAsync();
    }

    [Theory]
    [InlineData("ConnectionStrings__Postgres", "Host=127.0.0.1;Password=" + PostgresPassword + ";NoSuchKeyword=1")]
    [InlineData("Redis__Configuration", "127.0.0.1:1,password=" + RedisPassword + ",connectTimeout=notanumber")]
    [InlineData("Llm__Endpoint", "not a url " + LlmKey)]
    public async Task a_failed_start_up_names_no_secret(string variable, string value)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = _connectionString,
            ["CritterStack__DurabilityMode"] = "Solo",
            ["Llm__ApiKey"] = LlmKey,
            ["Documents__Azure__ApiKey"] = AzureKey,
            [variable] = value,
        };
        await using var host = HostProcess.Start(environment);
        Assert.NotEqual(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(90)));
        Assert.Contains("Start-up failed:", host.StandardError, StringComparison.Ordinal);
        Assert.Contains(variable.Replace("__", ":", StringComparison.Ordinal).Split(':')[0], host.StandardError, StringComparison.Ordinal);
        AssertNoSecret("stdout", host.StandardOutput);
        AssertNoSecret("stderr", host.StandardError);
    }

    private async Task<string> SendAsync(HttpClient client, Func<Task<HttpResponseMessage>> send)
    {
        using var response = await send();
        var body = await response.Content.ReadAsStringAsync();
        _responses.AppendLine(body);
        foreach (var header in response.Headers.Concat(response.Content.Headers)) _responses.AppendLine($"{header.Key}: {string.Join(", ", header.Value)}");
        return $"{(int)response.StatusCode} {body}";
    }

    private async Task AssertNoSecretInDatabaseAsync()
    {
        await using var connection = new NpgsqlConnection(await TestPostgres.ConnectionStringAsync(_database!));
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables " +
            "where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        Assert.Contains(tables, t => t.EndsWith(".mt_events", StringComparison.Ordinal));
        Assert.Contains(tables, t => t.Contains("wolverine", StringComparison.Ordinal));

        foreach (var table in tables)
        {
            foreach (var secret in Secrets)
            {
                await using var command = new NpgsqlCommand(
                    $"select count(*) from {table} t where t::text like '%' || @s || '%' or t::text like '%' || @h || '%'", connection);
                command.Parameters.AddWithValue("s", secret);
                command.Parameters.AddWithValue("h", Convert.ToHexString(Encoding.UTF8.GetBytes(secret)).ToLowerInvariant());
                var count = (long)(await command.ExecuteScalarAsync())!;
                Assert.True(count == 0, $"{count} row(s) of {table} contain a secret");
            }
        }
    }

    private static void AssertNoSecret(string where, string text)
    {
        foreach (var secret in Secrets)
        {
            var at = text.IndexOf(secret, StringComparison.Ordinal);
            if (at >= 0)
                Assert.Fail($"{where} contains a secret: …{text.Substring(Math.Max(0, at - 400), Math.Min(text.Length - Math.Max(0, at - 400), 500))}…");
        }
    }

    /// <summary>A Document Intelligence endpoint that refuses every key and, worst case, quotes it back.</summary>
    private static async Task<WebApplication> StartAzureStubAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(async context =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsJsonAsync(new
            {
                error = new { code = "401", message = $"Access denied due to invalid subscription key {context.Request.Headers["Ocp-Apim-Subscription-Key"]}." },
            });
        });
        await app.StartAsync();
        return app;
    }

    public async Task DisposeAsync()
    {
        if (_azure is not null) await _azure.DisposeAsync();
        if (_llm is not null) await _llm.DisposeAsync();
        if (_sites is not null) await _sites.DisposeAsync();
        if (_database is not null) await TestPostgres.DropDatabaseAsync(_database);
    }
}
