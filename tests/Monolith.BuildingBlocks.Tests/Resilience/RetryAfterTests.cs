using System.Net;
using Monolith.BuildingBlocks.Resilience;

namespace Monolith.BuildingBlocks.Tests.Resilience;

/// <summary>Retry-After parsing: both header forms, absence, malformed values and dates in the past.</summary>
public class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static HttpResponseMessage Response(string? retryAfter)
    {
        var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        if (retryAfter is not null) response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        return response;
    }

    [Fact]
    public void delta_seconds_form_is_read()
    {
        using var response = Response("120");
        Assert.Equal(TimeSpan.FromSeconds(120), RetryAfter.Parse(response, Now));
    }

    [Fact]
    public void http_date_form_is_relative_to_now()
    {
        using var response = Response("Sat, 01 Mar 2025 12:00:45 GMT");
        Assert.Equal(TimeSpan.FromSeconds(45), RetryAfter.Parse(response.Headers, Now));
    }

    [Fact]
    public void a_date_in_the_past_means_retry_now()
    {
        using var response = Response("Sat, 01 Mar 2025 11:59:00 GMT");
        Assert.Equal(TimeSpan.Zero, RetryAfter.Parse(response, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("soon")]
    public void missing_or_malformed_header_gives_null(string? header)
    {
        using var response = Response(header);
        Assert.Null(RetryAfter.Parse(response, Now));
    }

    [Fact]
    public void no_response_gives_null() => Assert.Null(RetryAfter.Parse((HttpResponseMessage?)null, Now));
}
