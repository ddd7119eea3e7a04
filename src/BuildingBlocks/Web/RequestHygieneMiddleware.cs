using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Monolith.BuildingBlocks.Web;

/// <summary>
/// Refuses two kinds of API input that no endpoint can use and that otherwise surfaced as 500s: a NUL character in a
/// query parameter (PostgreSQL text cannot hold it) and a JSON body that is the literal <c>null</c> (endpoints bind
/// their command from the body and would receive no command). Both are a 400 ProblemDetails naming the input.
/// </summary>
public sealed class RequestHygieneMiddleware(RequestDelegate next)
{
    /// <summary>Only bodies this small can be JSON <c>null</c> (BOM and whitespace around it included).</summary>
    private const int MaxNullBodyLength = 64;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var (key, values) in request.Query)
            {
                if (key.Contains('\0') || values.Any(v => v?.Contains('\0') == true))
                {
                    var name = key.Replace("\0", "", StringComparison.Ordinal);
                    await ProblemAsync(context, name.Length == 0 ? "query" : name, $"Query parameter '{name}' must not contain NUL characters.");
                    return;
                }
            }
            if (await IsJsonNullAsync(request, context.RequestAborted))
            {
                await ProblemAsync(context, "body", "The request body is JSON null; send a JSON object.");
                return;
            }
        }
        await next(context);
    }

    private static async Task<bool> IsJsonNullAsync(HttpRequest request, CancellationToken ct)
    {
        if (!HttpMethods.IsPost(request.Method) && !HttpMethods.IsPut(request.Method) && !HttpMethods.IsPatch(request.Method)) return false;
        if (!request.HasJsonContentType() || request.ContentLength is not (> 0 and <= MaxNullBodyLength)) return false;
        request.EnableBuffering();
        var buffer = new byte[MaxNullBodyLength];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await request.Body.ReadAsync(buffer.AsMemory(read), ct)) > 0) read += n;
        request.Body.Position = 0;
        var text = Encoding.UTF8.GetString(buffer, 0, read).Trim().Trim('\uFEFF').Trim();
        return text == "null";
    }

    private static Task ProblemAsync(HttpContext context, string field, string detail)
    {
        var details = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid request",
            Detail = detail,
            Extensions = { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } },
        };
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return context.Response.WriteAsJsonAsync(details, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", context.RequestAborted);
    }
}
