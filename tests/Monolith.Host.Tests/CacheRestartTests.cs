using Monolith.Host.Tests.ProviderOutages;
using Npgsql;

namespace Monolith.Host.Tests;

/// <summary>The Host with the openai analyzer (local stub) and the fixture websites, restarted between two analyses.</summary>
public sealed class CacheRestartFixture : OutageFixture
{
    public override OutageSettings LlmSettings => new(Retries: 0, TimeoutSeconds: 5, MinimumThroughput: 100, BreakSeconds: 30);
}

public class when_the_host_restarts_within_the_cache_ttl(CacheRestartFixture app) : IClassFixture<CacheRestartFixture>
{
    [Fact]
    public async Task the_same_analysis_again_fetches_no_page_and_pays_no_llm_call_the_cache_is_in_postgresql()
    {
        var first = await app.AnalyseAsync();
        Assert.Equal("Completed", first.GetProperty("status").GetString());
        Assert.True(app.Sites.TotalRequests > 0);
        Assert.True(app.Llm.ChatRequestCount > 0);

        // HybridCache answers callers before its L2 write finishes: wait for the rows before "restarting".
        await WaitForRowsAsync("company-crawl:%", "llm:%");
        await app.RestartAsync();

        var (pages, calls) = (app.Sites.TotalRequests, app.Llm.ChatRequestCount);
        var again = await app.AnalyseAsync();
        Assert.Equal("Completed", again.GetProperty("status").GetString());
        Assert.True(again.GetProperty("crawlFromCache").GetBoolean());
        Assert.Equal(pages, app.Sites.TotalRequests);
        Assert.Equal(calls, app.Llm.ChatRequestCount);
    }

    private async Task WaitForRowsAsync(params string[] patterns)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        foreach (var pattern in patterns)
        {
            while (true)
            {
                await using var command = new NpgsqlCommand("select count(*) from cache.entries where key like $1", connection)
                {
                    Parameters = { new NpgsqlParameter<string> { TypedValue = pattern } },
                };
                if ((long)(await command.ExecuteScalarAsync())! > 0) break;
                Assert.True(DateTimeOffset.UtcNow < deadline, $"no {pattern} row reached the PostgreSQL L2");
                await Task.Delay(50);
            }
        }
    }
}
