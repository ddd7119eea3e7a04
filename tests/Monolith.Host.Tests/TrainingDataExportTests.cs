using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Monolith.Testing;

namespace Monolith.Host.Tests;

/// <summary>
/// The training-data export through Kestrel on a real port: Kestrel forbids synchronous writes, which the in-memory
/// test server allows, so only a real server shows whether every record of a long export arrives.
/// </summary>
public sealed class when_training_data_is_exported_over_a_real_socket : IAsyncLifetime
{
    private const int Documents = 45;
    private string? _database;
    private HostProcess _host = null!;

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync(nameof(when_training_data_is_exported_over_a_real_socket));
        _host = HostProcess.Start(new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = await TestPostgres.ConnectionStringAsync(_database),
            ["CritterStack__DurabilityMode"] = "Solo",
        });
        await _host.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));
    }

    [Fact]
    public async Task every_record_arrives_and_parses()
    {
        using var client = _host.Client("acme");
        // Thresholds at zero: every clear invoice is automated, so it is a finished training example.
        var settings = await client.PutAsJsonAsync("/api/automation/settings", new
        {
            confidenceThreshold = 0.0, completenessThreshold = 0.0, validationThreshold = 0.0, automationThreshold = 0.0,
            manualInterventionThreshold = 0.0,
        });
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);

        var ids = new HashSet<Guid>();
        for (var i = 0; i < Documents; i++)
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes($"""
                Contoso Ltd
                INVOICE
                Invoice No: EXP-{i:000}
                Invoice Date: 2024-06-01
                Bill to: Fabrikam Inc
                Subtotal EUR 200.00
                VAT 19% 38.00
                Total EUR 238.00
                """));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            form.Add(file, "file", $"invoice-{i}.txt");
            using var uploaded = await client.PostAsync(new Uri("/api/documents?wait=true", UriKind.Relative), form);
            var body = await uploaded.Content.ReadAsStringAsync();
            Assert.True(uploaded.StatusCode == HttpStatusCode.OK, body);
            var document = JsonDocument.Parse(body).RootElement;
            Assert.True(document.GetProperty("decision").GetString() == "Automated", body);
            ids.Add(document.GetProperty("id").GetGuid());
        }

        using var response = await client.GetAsync(new Uri("/api/documents/training-data?minConfidence=0", UriKind.Relative),
            HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        // A server that fails mid-stream aborts the connection: reading the rest then throws.
        var text = await response.Content.ReadAsStringAsync();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var exported = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(Documents, exported.Count);
        Assert.Equal(ids.Order(), exported.Order());
        Assert.DoesNotContain("Synchronous operations are disallowed", _host.StandardOutput + _host.StandardError, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        if (_database is not null) await TestPostgres.DropDatabaseAsync(_database);
    }
}
