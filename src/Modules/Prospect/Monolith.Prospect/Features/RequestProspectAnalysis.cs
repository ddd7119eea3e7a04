using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Events;
using Monolith.BuildingBlocks.Tenancy;
using Monolith.BuildingBlocks.Web;
using Monolith.BuildingBlocks.Web.Fetching;
using Monolith.Companies.Contracts;
using Monolith.Prospect.Inbound;
using Monolith.Prospect.Processing;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Monolith.Prospect.Features;

/// <summary>Ask for a prospect analysis of a company website, scored against a finished supplier analysis' clusters.</summary>
public sealed record RequestProspectAnalysis(string? Url, string? Country, Guid? SupplierAnalysisId);

public sealed record ProspectAnalysisAccepted(Guid Id, string Url, string Domain, string Country, string Currency, Guid SupplierAnalysisId, string Status, string Location);

/// <summary>A prospect that passed validation, ready to become a stream.</summary>
public sealed record ValidProspect(CompanyUrl Url, Country Country);

/// <summary>Pure validation and decisions of prospect requests (single and bulk).</summary>
public static class ProspectRequestDecider
{
    /// <summary>Checks one prospect; errors are keyed by <paramref name="prefix"/> + field (e.g. <c>prospects[3].url</c>).</summary>
    public static ValidProspect? Validate(string? url, string? country, string prefix, Dictionary<string, string[]> errors,
        HostExemptions? exemptions = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var ok = true;
        if (!CompanyUrl.TryParse(url, out var parsedUrl, out var urlError, exemptions)) { errors[prefix + "url"] = [$"url {urlError}."]; ok = false; }
        if (!Country.TryParse(country, out var parsedCountry, out var countryError)) { errors[prefix + "country"] = [$"country {countryError}."]; ok = false; }
        return ok ? new ValidProspect(parsedUrl!, parsedCountry!) : null;
    }

    /// <summary>Whether prospects can be scored against the supplier analysis: null when yes, else the status code and why.</summary>
    public static (int Status, string Title, string Detail)? CheckSupplier(Guid id, SupplierReference? supplier)
    {
        if (supplier is null)
            return (StatusCodes.Status400BadRequest, "Unknown supplier analysis", $"No supplier analysis {id} for this customer.");
        if (!supplier.IsFinished)
            return (StatusCodes.Status409Conflict, "The supplier analysis is not finished", $"Supplier analysis {id} is still running; ask again when it has finished.");
        if (supplier.Clusters.Count == 0)
            return (StatusCodes.Status409Conflict, "The supplier analysis has no clusters", $"Supplier analysis {id} ended {supplier.Status} without customer clusters; retry it first.");
        return null;
    }

    public static ProspectAnalysisStarted Start(Guid id, ValidProspect p, SupplierReference supplier, Guid? batchId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(supplier);
        return new(id, p.Url.ToString(), p.Url.Domain, p.Country.Code, p.Country.Currency, supplier.Id, supplier.Clusters, batchId, now);
    }

    public static Contracts.ProspectAnalysisRequested Published(ProspectAnalysisStarted e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.AnalysisId, e.SupplierAnalysisId, e.Domain, e.Url, e.Country, e.BatchId, e.At);
    }

    public static IResult Problem((int Status, string Title, string Detail) p, string field = "supplierAnalysisId") =>
        p.Status == StatusCodes.Status400BadRequest
            ? Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [p.Detail] }, p.Detail, title: p.Title)
            : Results.Problem(statusCode: p.Status, title: p.Title, detail: p.Detail);
}

public static class RequestProspectAnalysisEndpoint
{
    public static ProblemDetails Validate(RequestProspectAnalysis command, HostExemptions exemptions)
    {
        var errors = new Dictionary<string, string[]>();
        ProspectRequestDecider.Validate(command.Url, command.Country, "", errors, exemptions);
        if (command.SupplierAnalysisId is null || command.SupplierAnalysisId == Guid.Empty)
            errors["supplierAnalysisId"] = ["supplierAnalysisId is required: the id of a finished supplier analysis."];
        return errors.Count == 0 ? WolverineContinue.NoProblems
            : new ValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Title = "The prospect analysis request is invalid" };
    }

    /// <summary>Accepts the analysis (202) and runs it one durable step at a time; <c>?wait=true</c> answers 200 with the finished analysis (bounded wait).</summary>
    [WolverinePost("/api/prospect-analyses", OperationId = "RequestProspectAnalysis")]
    [Tags("Prospect")]
    [ProducesResponseType<ProspectAnalysisAccepted>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ProspectAnalysisView>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public static async Task<IResult> Post(RequestProspectAnalysis command, HttpContext http, IDocumentStore store, IMartenOutbox outbox,
        IOptions<AnalysisWaitOptions> options, HostExemptions exemptions, TimeProvider clock, CancellationToken ct)
    {
        var tenant = TenantResolutionMiddleware.TenantOf(http) ?? "default";
        var prospect = ProspectRequestDecider.Validate(command.Url, command.Country, "", [], exemptions)!;
        var supplierId = command.SupplierAnalysisId!.Value;
        var id = Guid.CreateVersion7();
        ProspectAnalysisStarted started;
        await using (var session = store.LightweightSession(tenant))
        {
            var supplier = await session.LoadAsync<SupplierReference>(supplierId, ct);
            if (ProspectRequestDecider.CheckSupplier(supplierId, supplier) is { } problem) return ProspectRequestDecider.Problem(problem);
            started = ProspectRequestDecider.Start(id, prospect, supplier!, null, clock.GetUtcNow());
            outbox.Enroll(session);
            session.Events.StartStream<ProspectAnalysis>(id, started);
            var delivery = new DeliveryOptions { TenantId = tenant };
            await outbox.PublishAsync(new AdvanceProspectAnalysis(id), delivery);
            await outbox.PublishAsync(ProspectRequestDecider.Published(started), delivery);
            await session.SaveChangesAsync(ct);
        }

        var location = $"/api/prospect-analyses/{id}";
        if (string.Equals(http.Request.Query["wait"], "true", StringComparison.OrdinalIgnoreCase))
        {
            var finished = await ReadModelWait.ForAsync<ProspectAnalysis>(store, tenant, id, a => a.IsFinished,
                TimeSpan.FromSeconds(options.Value.WaitTimeoutSeconds), ct);
            if (finished is { IsFinished: true }) return Results.Ok(ProspectAnalysisView.From(finished));
        }
        return Results.Accepted(location, new ProspectAnalysisAccepted(id, started.Url, started.Domain, started.Country, started.Currency,
            supplierId, nameof(AnalysisStatus.Requested), location));
    }
}
