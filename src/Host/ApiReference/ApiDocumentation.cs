using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using Wolverine.Http;

namespace Monolith.Host.ApiReference;

/// <summary>
/// The OpenAPI document and its interactive reference, readable and self-contained. Wolverine names an operation's
/// summary and description after its route (<c>POST_api_supplier_analyses_id_retry</c>), which Scalar shows as the
/// title; here every operation gets a camelCase id from its declared <c>OperationId</c> (or, without one, its handler)
/// and a sentence made from it as the summary. Scalar is told to load nothing from outside: no CDN fonts, no telemetry,
/// no AI agent or MCP integration, and no developer toolbar (its Share uploads the document to scalar.com).
/// </summary>
public static partial class ApiDocumentation
{
    public static OpenApiOptions UseReadableOperationNames(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<HttpChain>().FirstOrDefault() is { } chain)
            {
                var id = OperationId(chain.OperationId, chain.Method.HandlerType.Name, chain.Method.Method.Name);
                operation.OperationId = id;
                if (operation.Summary is null || IsRouteName(operation.Summary)) operation.Summary = Sentence(id);
                if (operation.Description is not null && IsRouteName(operation.Description)) operation.Description = null;
            }
            return Task.CompletedTask;
        });
    }

    /// <summary>The reference page at <c>/api-reference</c>; Scalar's script is served from the package.</summary>
    public static WebApplication MapApiReference(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapScalarApiReference("/api-reference", o => o
            .WithTitle("Monolith API")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools());
        return app;
    }

    /// <summary>The declared id when it is a plain identifier, otherwise handler method and class; camelCase either way.</summary>
    public static string OperationId(string? declared, string handlerType, string method)
    {
        ArgumentNullException.ThrowIfNull(handlerType);
        ArgumentNullException.ThrowIfNull(method);
        var name = declared is not null && Identifier().IsMatch(declared) && !IsRouteName(declared)
            ? declared
            : method + EndpointSuffix().Replace(handlerType, "");
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary><c>retrySupplierAnalysis</c> → "Retry supplier analysis".</summary>
    public static string Sentence(string operationId)
    {
        ArgumentNullException.ThrowIfNull(operationId);
        var words = WordStart().Replace(operationId, " $1").ToLowerInvariant();
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    private static bool IsRouteName(string text) => RouteName().IsMatch(text);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex Identifier();

    [GeneratedRegex("^(GET|POST|PUT|PATCH|DELETE|HEAD)_", RegexOptions.IgnoreCase)]
    private static partial Regex RouteName();

    [GeneratedRegex("Endpoints?$")]
    private static partial Regex EndpointSuffix();

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex WordStart();
}
