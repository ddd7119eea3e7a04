using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monolith.Testing;

namespace Monolith.Host.Tests;

/// <summary>
/// The README's run command as a newcomer uses it: no connection string, so the Host starts its own PostgreSQL
/// in a data folder, serves, stops it on SIGTERM, and finds its data again on the next start.
/// </summary>
public sealed class when_the_host_runs_with_no_database_configured : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "monolith-host-tests", Guid.NewGuid().ToString("N"));

    private Dictionary<string, string> Environment => new()
    {
        ["EmbeddedPostgres__DataDirectory"] = _data,
        ["CritterStack__DurabilityMode"] = "Solo",
    };

    [Fact]
    public async Task it_serves_stops_its_postgres_on_sigterm_and_keeps_the_data_for_the_next_start()
    {
        Guid id;
        await using (var first = HostProcess.Start(Environment))
        {
            await first.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            using var client = first.Client("restart");
            var response = await client.PostAsJsonAsync("/api/supplier-analyses", new { url = "https://kept.example", country = "NL" });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            id = body.RootElement.GetProperty("id").GetGuid();

            var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            Assert.Contains("http_server_request_duration_seconds", metrics, StringComparison.Ordinal);
            Assert.Contains("Wolverine:monolith", metrics, StringComparison.Ordinal);

            Assert.Equal(0, await first.TerminateAsync(TimeSpan.FromSeconds(60)));
        }
        // A clean PostgreSQL shutdown removes its pid file; a leaked server would keep it.
        Assert.False(File.Exists(Path.Combine(_data, "pgdata", "postmaster.pid")), "the embedded PostgreSQL is still running");

        await using var second = HostProcess.Start(Environment);
        await second.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        using var again = second.Client("restart");
        var analysis = await again.GetFromJsonAsync<JsonElement>(new Uri($"/api/supplier-analyses/{id}", UriKind.Relative));
        Assert.Equal("https://kept.example/", analysis.GetProperty("url").GetString());
        Assert.Equal(0, await second.TerminateAsync(TimeSpan.FromSeconds(60)));
    }

    [Theory]
    [InlineData("EmbeddedPostgres__BinDirectory", "/nonexistent/bin", "EmbeddedPostgres:BinDirectory")]
    [InlineData("CritterStack__DrainTimeoutSeconds", "0", "CritterStack:DrainTimeoutSeconds")]
    [InlineData("Tenancy__DefaultTenant", "Not A Tenant!", "Tenancy:DefaultTenant")]
    [InlineData("Resilience__Dependencies__Llm__MaxRetryAttempts", "99", "Resilience:Dependencies:Llm:MaxRetryAttempts")]
    [InlineData("Access__Mode", "Open", "Access:Mode")]
    [InlineData("Access__Keys__0__Sha256", "not-a-hash", "Access:Keys:0:Sha256")]
    public async Task a_bad_setting_stops_start_up_with_one_line_naming_it(string variable, string value, string setting)
    {
        var environment = Environment;
        environment[variable] = value;
        await using var host = HostProcess.Start(environment);
        Assert.Equal(1, await host.WaitForExitAsync(TimeSpan.FromSeconds(90)));

        var failure = Assert.Single(host.StandardError.Split('\n'), line => line.StartsWith("Start-up failed:", StringComparison.Ordinal));
        Assert.Contains(setting, failure, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", host.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_data, "pgdata", "postmaster.pid")), "a failed start left PostgreSQL running");
    }

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); }
        catch (DirectoryNotFoundException) { }
    }
}

/// <summary>
/// Access as a process shows it: keys are required unless development mode is chosen; development mode announces
/// itself loudly and refuses to run on a non-loopback address.
/// </summary>
public sealed class when_the_host_process_decides_access : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "monolith-host-tests", Guid.NewGuid().ToString("N"));

    private Dictionary<string, string> Environment(string? mode = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["EmbeddedPostgres__DataDirectory"] = _data,
            ["CritterStack__DurabilityMode"] = "Solo",
        };
        if (mode is not null) environment["Access__Mode"] = mode;
        return environment;
    }

    [Fact]
    public async Task by_default_keys_are_required_and_no_banner_is_shown()
    {
        await using var host = HostProcess.Start(Environment());
        await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        using var anonymous = host.AnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/documents")).StatusCode);
        using var keyed = host.Client("acme");
        Assert.Equal(HttpStatusCode.OK, (await keyed.GetAsync("/api/documents")).StatusCode);
        Assert.DoesNotContain("DEVELOPMENT MODE", host.StandardOutput, StringComparison.Ordinal);
        // Started with --urls: no plain-text JasperFx line in the log.
        Assert.DoesNotContain("Detected reserved", host.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task keys_create_next_to_a_running_host_issues_a_working_key_and_leaves_its_postgres_running()
    {
        await using var host = HostProcess.Start(Environment());
        await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));

        // The README's bootstrap step, on the same data folder while the Host runs.
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { HostProcess.HostAssemblyPath(), "keys", "create", "--tenant", "acme", "--role", "operator", "--name", "ops" })
            info.ArgumentList.Add(argument);
        info.Environment["EmbeddedPostgres__DataDirectory"] = _data;
        info.Environment["ConnectionStrings__Postgres"] = "";
        using var cli = System.Diagnostics.Process.Start(info)!;
        var output = await cli.StandardOutput.ReadToEndAsync();
        await cli.WaitForExitAsync();
        Assert.True(cli.ExitCode == 0, output + await cli.StandardError.ReadToEndAsync());
        var key = Assert.Single(output.Split('\n'), line => line.StartsWith("mk_", StringComparison.Ordinal)).Trim();
        Assert.DoesNotContain("for commands", output, StringComparison.Ordinal);

        // The Host's PostgreSQL is still up (the command only borrowed it) and the key works.
        using var probe = host.AnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health/ready")).StatusCode);
        probe.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        var session = await probe.GetFromJsonAsync<JsonElement>("/api/session");
        Assert.Equal(("acme", "operator"), (session.GetProperty("tenant").GetString(), session.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task development_mode_on_loopback_serves_without_keys_and_says_so()
    {
        await using var host = HostProcess.Start(Environment("Development"));
        await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        using var anonymous = host.AnonymousClient();
        anonymous.DefaultRequestHeaders.Add("X-Customer-Id", "dev-shop");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/documents")).StatusCode);
        await HostProcessWait.UntilAsync(() => host.StandardOutput.Contains("DEVELOPMENT MODE", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Contains("NO API KEYS", host.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task development_mode_refuses_to_listen_beyond_loopback()
    {
        await using var host = HostProcess.Start(Environment("Development"), listenOn: "0.0.0.0");
        Assert.Equal(1, await host.WaitForExitAsync(TimeSpan.FromSeconds(90)));
        var failure = Assert.Single(host.StandardError.Split('\n'), line => line.StartsWith("Start-up failed:", StringComparison.Ordinal));
        Assert.Contains("Access:Mode", failure, StringComparison.Ordinal);
        Assert.Contains("0.0.0.0", failure, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_data, "pgdata", "postmaster.pid")), "PostgreSQL left running");
    }

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); }
        catch (DirectoryNotFoundException) { }
    }
}

internal static class HostProcessWait
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met within " + timeout);
            await Task.Delay(100);
        }
    }
}
