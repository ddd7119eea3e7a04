using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Monolith.BuildingBlocks.Http;
using Monolith.BuildingBlocks.Resilience;

namespace Monolith.BuildingBlocks.Tests.Resilience;

/// <summary>
/// End to end through IHttpClientFactory against a real Kestrel server on a random local port:
/// the pipeline is really in the handler chain, honours Retry-After, and is shared per dependency.
/// </summary>
public sealed class DependencyHttpClientTests : IAsyncLifetime
{
    private WebApplication _server = null!;
    private Uri _address = null!;
    private int _flakyHits;
    private int _dripHits;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.MapGet("/flaky", (HttpContext context) =>
        {
            if (Interlocked.Increment(ref _flakyHits) > 1) return Results.Ok("done");
            context.Response.Headers.RetryAfter = "1";
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
        _server.MapGet("/broken", () => Results.StatusCode(StatusCodes.Status500InternalServerError));
        _server.MapGet("/drip", async (HttpContext context) =>
        {
            Interlocked.Increment(ref _dripHits);
            await context.Response.StartAsync(context.RequestAborted);
            for (var i = 0; i < 100; i++)
            {
                await context.Response.WriteAsync(" ", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(100, context.RequestAborted);
            }
        });
        await _server.StartAsync();
        _address = new Uri(_server.Urls.Single());
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ServiceProvider Services(Dictionary<string, string?> settings, Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        register(services);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task named_client_retries_a_503_after_the_servers_retry_after_and_gets_200()
    {
        await using var provider = Services(
            new() { ["Resilience:Dependencies:WebFetch:BaseDelayMilliseconds"] = "1" },
            services => services.AddDependencyHttpClient(Dependencies.WebFetch).ConfigureHttpClient(c => c.BaseAddress = _address));
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(Dependencies.WebFetch);

        var stopwatch = Stopwatch.StartNew();
        using var response = await client.GetAsync(new Uri("/flaky", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _flakyHits);
        Assert.Equal(Timeout.InfiniteTimeSpan, client.Timeout);
        // Backoff alone would be ~1 ms; only the Retry-After of 1 s explains this wait.
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(900), $"waited only {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task a_body_trickled_slower_than_the_attempt_timeout_is_cut_and_retried()
    {
        await using var provider = Services(
            new()
            {
                ["Resilience:Dependencies:Llm:TimeoutSeconds"] = "1",
                ["Resilience:Dependencies:Llm:MaxRetryAttempts"] = "1",
                ["Resilience:Dependencies:Llm:BaseDelayMilliseconds"] = "1",
            },
            services => services.AddDependencyHttpClient(Dependencies.Llm).ConfigureHttpClient(c => c.BaseAddress = _address));
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(Dependencies.Llm);

        var stopwatch = Stopwatch.StartNew();
        await Assert.ThrowsAsync<Polly.Timeout.TimeoutRejectedException>(() => client.GetAsync(new Uri("/drip", UriKind.Relative)));

        Assert.Equal(2, _dripHits);
        Assert.InRange(stopwatch.Elapsed.TotalSeconds, 1.9, 5);
    }

    [Fact]
    public async Task a_streaming_dependency_gets_the_headers_and_reads_the_body_itself()
    {
        await using var provider = Services(
            new() { ["Resilience:Dependencies:WebFetch:TimeoutSeconds"] = "1" },
            services => services.AddDependencyHttpClient(Dependencies.WebFetch).ConfigureHttpClient(c => c.BaseAddress = _address));
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(Dependencies.WebFetch);

        using var response = await client.GetAsync(new Uri("/drip", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _dripHits);
    }

    [Fact]
    public async Task named_and_typed_clients_of_one_dependency_share_one_circuit()
    {
        await using var provider = Services(
            new()
            {
                ["Resilience:Dependencies:WebFetch:MaxRetryAttempts"] = "0",
                ["Resilience:Dependencies:WebFetch:CircuitBreaker:MinimumThroughput"] = "2",
                ["Resilience:Dependencies:WebFetch:CircuitPerHost"] = "false",
            },
            services =>
            {
                services.AddDependencyHttpClient(Dependencies.WebFetch).ConfigureHttpClient(c => c.BaseAddress = _address);
                services.AddDependencyHttpClient<IProbeClient, ProbeClient>(Dependencies.WebFetch)
                    .ConfigureHttpClient(c => c.BaseAddress = _address);
            });
        var named = provider.GetRequiredService<IHttpClientFactory>().CreateClient(Dependencies.WebFetch);
        var typed = provider.GetRequiredService<IProbeClient>();

        using (var first = await named.GetAsync(new Uri("/broken", UriKind.Relative))) Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, await typed.Probe("/broken"));

        Assert.Equal("Open", provider.GetRequiredService<DependencyCircuitRegistry>().Snapshot()[Dependencies.WebFetch]);
        await Assert.ThrowsAsync<BrokenCircuitException>(() => named.GetAsync(new Uri("/flaky", UriKind.Relative)));
        Assert.Equal(0, _flakyHits);
    }

    [Fact]
    public async Task primary_handler_pools_connections_for_the_configured_lifetime()
    {
        await using var provider = Services(
            new() { ["Resilience:Dependencies:Llm:PooledConnectionLifetimeMinutes"] = "7" },
            services => services.AddDependencyHttpClient(Dependencies.Llm));
        HttpMessageHandler? handler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(Dependencies.Llm);
        var chain = new List<HttpMessageHandler>();
        while (handler is not null)
        {
            chain.Add(handler);
            handler = (handler as DelegatingHandler)?.InnerHandler;
        }

        Assert.Contains(chain, h => h is DependencyResilienceHandler);
        var sockets = Assert.IsType<SocketsHttpHandler>(chain[^1]);
        Assert.Equal(TimeSpan.FromMinutes(7), sockets.PooledConnectionLifetime);
    }

    [Fact]
    public async Task registering_one_dependency_twice_keeps_a_single_resilience_handler()
    {
        await using var provider = Services(new(), services =>
        {
            services.AddDependencyHttpClient(Dependencies.Llm);
            services.AddDependencyHttpClient(Dependencies.Llm);
        });
        HttpMessageHandler? handler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(Dependencies.Llm);
        var resilienceHandlers = 0;
        while (handler is not null)
        {
            if (handler is DependencyResilienceHandler) resilienceHandlers++;
            handler = (handler as DelegatingHandler)?.InnerHandler;
        }
        Assert.Equal(1, resilienceHandlers);
    }

    public interface IProbeClient
    {
        Task<HttpStatusCode> Probe(string path);
    }

    public sealed class ProbeClient(HttpClient client) : IProbeClient
    {
        public async Task<HttpStatusCode> Probe(string path)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            return response.StatusCode;
        }
    }
}
