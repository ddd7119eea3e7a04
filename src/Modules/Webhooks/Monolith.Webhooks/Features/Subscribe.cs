using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Access;
using Wolverine.Http;

namespace Monolith.Webhooks.Features;

public sealed record Subscribe(string? Url, List<string?>? Events);

/// <summary>A subscription as lists show it: never the secret.</summary>
public sealed record WebhookView(Guid Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt, string CreatedBy,
    int ConsecutiveFailures, DateTimeOffset? CircuitOpenUntil)
{
    public static WebhookView Of(WebhookSubscription s, WebhookCircuit? c) =>
        new(s.Id, s.Url, s.Events, s.CreatedAt, s.CreatedBy, c?.ConsecutiveFailures ?? 0, c?.OpenUntil);
}

/// <summary>The new subscription with its signing secret, shown this once.</summary>
public sealed record WebhookCreatedView(Guid Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt, string Secret);

/// <summary>Pure checks of a subscription request; each problem names its field.</summary>
public static class SubscribeRules
{
    public static Dictionary<string, string[]> Problems(Subscribe command, out Uri? url, out List<string> events)
    {
        ArgumentNullException.ThrowIfNull(command);
        var errors = new Dictionary<string, string[]>();
        url = null;
        if (string.IsNullOrWhiteSpace(command.Url))
            errors["url"] = ["url is required: the absolute http(s) address deliveries are POSTed to."];
        else if (!Uri.TryCreate(command.Url.Trim(), UriKind.Absolute, out var parsed) || parsed.IsFile || parsed.IsUnc)
            errors["url"] = ["url must be an absolute http(s) URL, e.g. https://crm.example.com/hooks/monolith."];
        else if (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
            errors["url"] = [$"url must use http or https, not '{parsed.Scheme}'."];
        else if (!string.IsNullOrEmpty(parsed.UserInfo))
            errors["url"] = ["url must not carry credentials; verify deliveries with the signature instead."];
        else if (parsed.AbsoluteUri.Length > 2000)
            errors["url"] = ["url must be at most 2000 characters."];
        else url = parsed;

        events = [];
        if (command.Events is not { Count: > 0 })
            errors["events"] = [$"events must name at least one of: {string.Join(", ", WebhookEvents.All)}."];
        else
        {
            var unknown = command.Events.Where(e => WebhookEvents.Normalise(e) is null).ToList();
            if (unknown.Count > 0)
                errors["events"] = [$"Unknown event(s) {string.Join(", ", unknown.Select(e => $"'{Shorten(e)}'"))}; known: {string.Join(", ", WebhookEvents.All)}."];
            else events = [.. command.Events.Select(e => WebhookEvents.Normalise(e)!).Distinct()];
        }
        return errors;
    }

    private static string? Shorten(string? text) => text is { Length: > 50 } ? text[..50] + "…" : text;

    public static ProblemDetails Invalid(Dictionary<string, string[]> errors) =>
        new ValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Title = "The webhook subscription is invalid" };
}

public static class SubscribeEndpoint
{
    public static ProblemDetails Validate(Subscribe command)
    {
        var errors = SubscribeRules.Problems(command, out _, out _);
        return errors.Count == 0 ? WolverineContinue.NoProblems : SubscribeRules.Invalid(errors);
    }

    /// <summary>Subscribes a URL of the caller's customer to events (admins only). The answer holds the signing secret; it cannot be shown again.</summary>
    [WolverinePost("/api/webhooks", OperationId = "CreateWebhook")]
    [RequiresRole(AccessRole.Admin)]
    [Tags("Webhooks")]
    [ProducesResponseType<WebhookCreatedView>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public static async Task<IResult> Post(Subscribe command, HttpContext http, IDocumentSession session, WebhookAddresses addresses,
        IOptions<WebhookOptions> options, TimeProvider clock, CancellationToken ct)
    {
        SubscribeRules.Problems(command, out var url, out var events);
        if (await addresses.ProblemAsync(url!, ct) is { } refused)
            return Results.Problem(SubscribeRules.Invalid(new() { ["url"] = [refused] }));
        var limit = options.Value.MaxSubscriptionsPerCustomer;
        if (await session.Query<WebhookSubscription>().CountAsync(ct) >= limit)
            return Results.Problem(SubscribeRules.Invalid(new() { ["url"] = [$"This customer already has {limit} webhook subscriptions (Webhooks:MaxSubscriptionsPerCustomer); delete one first."] }));

        var subscription = new WebhookSubscription
        {
            Id = Guid.CreateVersion7(), Url = url!.AbsoluteUri, Events = events, Secret = WebhookSignature.NewSecret(),
            CreatedAt = clock.GetUtcNow(), CreatedBy = Caller.Of(http)?.KeyName ?? "",
        };
        session.Store(subscription);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Created($"/api/webhooks/{subscription.Id}",
            new WebhookCreatedView(subscription.Id, subscription.Url, subscription.Events, subscription.CreatedAt, subscription.Secret));
    }
}
