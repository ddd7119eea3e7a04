using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Monolith.Host.ApiReference;

/// <summary>
/// Documents the request body of endpoints that read it themselves (e.g. strictly, <c>StrictJsonBody</c>) and declare its
/// type with <c>[Consumes(typeof(T), "application/json")]</c>: without a body parameter the generator would leave it out.
/// </summary>
public static class OpenApiRequestBodies
{
    public static OpenApiOptions AddDeclaredRequestBodies(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.AddOperationTransformer(async (operation, context, ct) =>
        {
            if (operation.RequestBody is not null) return;
            var accepts = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAcceptsMetadata>()
                .FirstOrDefault(a => a.RequestType is not null);
            if (accepts is null) return;
            var schema = await context.GetOrCreateSchemaAsync(accepts.RequestType!, null, ct);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = !accepts.IsOptional,
                Content = accepts.ContentTypes.ToDictionary(type => type, _ => new OpenApiMediaType { Schema = schema }),
            };
        });
    }
}
