using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Monolith.BuildingBlocks.Limits;

/// <summary>
/// Kestrel refuses a body over the request's limit with a <see cref="BadHttpRequestException"/> (413) when the endpoint
/// reads it; unhandled, that surfaced as a 500 or an empty answer. This turns it into a 413 ProblemDetails naming the limit
/// in force for the request (an endpoint may have raised it, e.g. document uploads).
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<RequestLimitsOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? options.Value.MaxRequestBodyBytes;
            context.Response.Clear();
            await RequestLimitProblems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request too large",
                $"The request body is larger than the limit of {limit} bytes ({RequestLimitsOptions.Section}:{nameof(RequestLimitsOptions.MaxRequestBodyBytes)}, raised by upload endpoints).");
        }
    }
}

internal static class RequestLimitProblems
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetService(typeof(IProblemDetailsService)) as IProblemDetailsService;
        var written = problems is not null && await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
        if (!written)
        {
            await context.Response.WriteAsJsonAsync(new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail },
                (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
        }
    }
}
