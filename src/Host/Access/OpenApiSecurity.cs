using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Monolith.Host.Access;

/// <summary>The OpenAPI document says how to authenticate: an API key as a bearer token on every operation.</summary>
public static class OpenApiSecurity
{
    public const string SchemeName = "apiKey";

    public static OpenApiOptions AddApiKeyScheme(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "mk_…",
                Description = "An API key (`keys create` on the command line, or POST /api/access/keys as an admin), sent as 'Authorization: Bearer mk_…' or 'X-Api-Key'. It decides the customer and the role.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] });
            return Task.CompletedTask;
        });
    }
}
