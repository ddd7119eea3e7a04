using Monolith.BuildingBlocks.Web;
using Monolith.Supplier.Features.RequestSupplierAnalysis;
using Wolverine.Http;

namespace Monolith.Supplier.Tests;

public class RequestSupplierAnalysisTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void a_valid_request_becomes_the_first_event_and_the_published_contract()
    {
        Assert.True(CompanyUrl.TryParse("https://www.acme.example/products?utm_campaign=x", out var url, out _));
        Assert.True(Country.TryParse("ch", out var country, out _));
        var id = Guid.CreateVersion7();

        var (requested, published) = RequestSupplierAnalysisDecider.Decide(id, url!, country!, Now);

        Assert.Equal(new AnalysisRequested(id, "https://www.acme.example/products", "acme.example", "CH", "CHF", Now), requested);
        Assert.Equal(id, published.AnalysisId);
        Assert.Equal("acme.example", published.Domain);
        Assert.Equal(requested.Url, published.Url);
        Assert.Equal(Now, published.RequestedAt);
    }

    [Fact]
    public void the_snapshot_is_built_from_the_event()
    {
        var e = new AnalysisRequested(Guid.CreateVersion7(), "https://a.example/", "a.example", "JP", "JPY", Now);
        var state = SupplierAnalysis.Start(e);
        Assert.Equal(Monolith.BuildingBlocks.CompanyAnalysis.Scanning.AnalysisStatus.Requested, state.Status);
        Assert.Equal("JPY", state.Currency);
        Assert.Equal(e.AnalysisId, state.Id);
    }

    [Fact]
    public void validation_names_each_bad_field()
    {
        var problems = RequestSupplierAnalysisEndpoint.Validate(new RequestSupplierAnalysis("javascript:alert(1)", "ZZ"));
        var validation = Assert.IsType<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>(problems, exactMatch: false);
        Assert.Contains("url", validation.Errors.Keys);
        Assert.Contains("country", validation.Errors.Keys);
        Assert.Equal(400, validation.Status);
    }

    [Fact]
    public void a_valid_request_passes_validation()
    {
        Assert.Same(WolverineContinue.NoProblems, RequestSupplierAnalysisEndpoint.Validate(new RequestSupplierAnalysis("acme.example", "us")));
    }
}
