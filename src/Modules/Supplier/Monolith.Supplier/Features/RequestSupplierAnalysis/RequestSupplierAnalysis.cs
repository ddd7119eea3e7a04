using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Events;
using Monolith.BuildingBlocks.Tenancy;
using Monolith.BuildingBlocks.Web;
using Monolith.BuildingBlocks.Web.Fetching;
using Monolith.Companies.Contracts;
using Monolith.Supplier.Contracts;
using Monolith.Supplier.Features.ReadSupplierAnalyses;
using Monolith.Supplier.Processing;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Monolith.Supplier.Features.RequestSupplierAnalysis;

/// <summary>Ask for a supplier analysis of a company website.</summary>
public sealed record RequestSupplierAnalysis(string? Url, string? Country);

public sealed record SupplierAnalysisAccepted(Guid Id, string Url, string Domain, string Country, string Currency, string Status, string Location);

/// <summary>Pure decision: a validated request becomes the stream's first event and the contract message other modules see.</summary>
public static class RequestSupplierAnalysisDecider
{
    public static (AnalysisRequested Event, SupplierAnalysisRequested Published) Decide(
        Guid id, CompanyUrl url, Country country, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(country);
        var requested = new AnalysisRequested(id, url.ToString(), url.Domain, country.Code, country.Currency, now);
        return (requested, new SupplierAnalysisRequested(id, url.Domain, url.ToString(), country.Code, now));
    }
}

public static class RequestSupplierAnalysisEndpoint
{
    public static ProblemDetails Validate(RequestSupplierAnalysis command, HostExemptions exemptions)
    {
        var errors = new Dictionary<string, string[]>();
        if (!CompanyUrl.TryParse(command.Url, out _, out var urlError, exemptions)) errors["url"] = [$"url {urlError}."];
        if (!Country.TryParse(command.Country, out _, out var countryError)) errors["country"] = [$"country {countryError}."];
        if (errors.Count == 0) return WolverineContinue.NoProblems;
        return new ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The supplier analysis request is invalid",
        };
    }

    /// <summary>
    /// Accepts the analysis (202 with its location) and runs it in the background, one durable step at a time.
    /// <c>?wait=true</c> waits (at most <c>CompanyAnalysis:WaitTimeoutSeconds</c>) and answers 200 with the finished analysis.
    /// </summary>
    [WolverinePost("/api/supplier-analyses", OperationId = "RequestSupplierAnalysis")]
    [Tags("Supplier")]
    [ProducesResponseType<SupplierAnalysisAccepted>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<SupplierAnalysisView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public static async Task<IResult> Post(RequestSupplierAnalysis command, HttpContext http, IDocumentStore store, IMartenOutbox outbox,
        IOptions<AnalysisWaitOptions> options, HostExemptions exemptions, TimeProvider clock, CancellationToken ct)
    {
        CompanyUrl.TryParse(command.Url, out var url, out _, exemptions);
        Country.TryParse(command.Country, out var country, out _);
        var tenant = TenantResolutionMiddleware.TenantOf(http) ?? "default";
        var id = Guid.CreateVersion7();
        var (requested, published) = RequestSupplierAnalysisDecider.Decide(id, url!, country!, clock.GetUtcNow());

        await using (var session = store.LightweightSession(tenant))
        {
            outbox.Enroll(session);
            session.Events.StartStream<SupplierAnalysis>(id, requested);
            var delivery = new DeliveryOptions { TenantId = tenant };
            await outbox.PublishAsync(new AdvanceSupplierAnalysis(id), delivery);
            await outbox.PublishAsync(published, delivery);
            await session.SaveChangesAsync(ct);
        }

        var location = $"/api/supplier-analyses/{id}";
        if (string.Equals(http.Request.Query["wait"], "true", StringComparison.OrdinalIgnoreCase))
        {
            var finished = await ReadModelWait.ForAsync<SupplierAnalysis>(store, tenant, id, a => a.IsFinished,
                TimeSpan.FromSeconds(options.Value.WaitTimeoutSeconds), ct);
            if (finished is { IsFinished: true }) return Results.Ok(SupplierAnalysisView.From(finished));
        }
        return Results.Accepted(location, new SupplierAnalysisAccepted(id, requested.Url, requested.Domain, requested.Country, requested.Currency,
            nameof(AnalysisStatus.Requested), location));
    }
}
