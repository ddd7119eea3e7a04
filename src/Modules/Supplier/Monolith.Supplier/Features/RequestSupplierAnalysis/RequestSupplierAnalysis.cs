using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Monolith.BuildingBlocks.Web;
using Monolith.Supplier.Contracts;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Monolith.Supplier.Features.RequestSupplierAnalysis;

/// <summary>Ask for a supplier analysis of a company website.</summary>
public sealed record RequestSupplierAnalysis(string? Url, string? Country);

public sealed record SupplierAnalysisAccepted(Guid Id, string Url, string Domain, string Country, string Currency, string Status);

/// <summary>Pure decision: a validated request becomes the stream's first event and the contract message other modules see.</summary>
public static class RequestSupplierAnalysisDecider
{
    public static (AnalysisRequested Event, SupplierAnalysisRequested Published) Decide(
        Guid id, CompanyUrl url, Country country, DateTimeOffset now)
    {
        var requested = new AnalysisRequested(id, url.ToString(), url.Domain, country.Code, country.Currency, now);
        return (requested, new SupplierAnalysisRequested(id, url.Domain, url.ToString(), country.Code, now));
    }
}

public static class RequestSupplierAnalysisEndpoint
{
    public static ProblemDetails Validate(RequestSupplierAnalysis command)
    {
        var errors = new Dictionary<string, string[]>();
        if (!CompanyUrl.TryParse(command.Url, out _, out var urlError)) errors["url"] = [$"url {urlError}."];
        if (!Country.TryParse(command.Country, out _, out var countryError)) errors["country"] = [$"country {countryError}."];
        if (errors.Count == 0) return WolverineContinue.NoProblems;
        return new ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The supplier analysis request is invalid",
        };
    }

    [WolverinePost("/api/supplier-analyses", OperationId = "RequestSupplierAnalysis")]
    [Tags("Supplier")]
    [ProducesResponseType<SupplierAnalysisAccepted>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public static (IResult, IStartStream, OutgoingMessages) Post(RequestSupplierAnalysis command, TimeProvider clock)
    {
        CompanyUrl.TryParse(command.Url, out var url, out _);
        Country.TryParse(command.Country, out var country, out _);
        var id = Guid.CreateVersion7();
        var (requested, published) = RequestSupplierAnalysisDecider.Decide(id, url!, country!, clock.GetUtcNow());

        var body = new SupplierAnalysisAccepted(id, requested.Url, requested.Domain, requested.Country, requested.Currency,
            nameof(SupplierAnalysisStatus.Requested));
        return (Results.Accepted($"/api/supplier-analyses/{id}", body),
            MartenOps.StartStream<SupplierAnalysis>(id, requested),
            [published]);
    }
}
