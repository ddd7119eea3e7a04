using JasperFx.Events;
using Monolith.BuildingBlocks.Web;
using Monolith.BuildingBlocks.Web.Fetching;
using Monolith.Companies.Contracts;
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
        Assert.Equal(AnalysisStatus.Requested, state.Status);
        Assert.Equal("JPY", state.Currency);
        Assert.Equal(e.AnalysisId, state.Id);
    }

    [Fact]
    public void the_projection_creates_no_document_for_a_stream_another_module_started()
    {
        // A prospect stream carries the same shared scanning events but never an AnalysisRequested.
        var projection = new SupplierAnalysisProjection();
        var id = Guid.CreateVersion7();
        var failed = Event.AsEvent(new AnalysisStepFailed(id, "crawl", "robots.txt", Now, 5));
        Assert.Null(projection.Evolve(null, id, failed));
        Assert.Null(projection.Evolve(new SupplierAnalysis { Id = id }, id, failed)); // a phantom stored before the fix is deleted

        var started = projection.Evolve(null, id, Event.AsEvent(new AnalysisRequested(id, "https://a.example/", "a.example", "JP", "JPY", Now)));
        var evolved = projection.Evolve(started, id, failed);
        Assert.Equal(AnalysisStatus.Running, evolved?.Status);
        Assert.Equal("a.example", evolved?.Domain);
    }

    [Fact]
    public void validation_names_each_bad_field()
    {
        var problems = RequestSupplierAnalysisEndpoint.Validate(new RequestSupplierAnalysis("javascript:alert(1)", "ZZ"), HostExemptions.None);
        var validation = Assert.IsType<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>(problems, exactMatch: false);
        Assert.Contains("url", validation.Errors.Keys);
        Assert.Contains("country", validation.Errors.Keys);
        Assert.Equal(400, validation.Status);
    }

    [Fact]
    public void a_valid_request_passes_validation()
    {
        Assert.Same(WolverineContinue.NoProblems, RequestSupplierAnalysisEndpoint.Validate(new RequestSupplierAnalysis("acme.example", "us"), HostExemptions.None));
    }

    [Theory]
    [InlineData("http://localhost:8080/")]
    [InlineData("intranet")]
    public void a_dotless_host_is_refused_unless_the_operator_allowed_it(string url)
    {
        var refused = RequestSupplierAnalysisEndpoint.Validate(new RequestSupplierAnalysis(url, "de"), HostExemptions.None);
        var validation = Assert.IsType<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>(refused, exactMatch: false);
        Assert.Contains("WebFetch:AllowedHosts", validation.Errors["url"][0], StringComparison.Ordinal);

        var allowed = HostExemptions.Parse(["LOCALHOST", "intranet", "10.0.0.0/8"]);
        Assert.Same(WolverineContinue.NoProblems, RequestSupplierAnalysisEndpoint.Validate(new RequestSupplierAnalysis(url, "de"), allowed));
        // An allowed address range does not make every dotless name valid.
        Assert.NotSame(WolverineContinue.NoProblems,
            RequestSupplierAnalysisEndpoint.Validate(new RequestSupplierAnalysis("http://printer/", "de"), allowed));
    }
}
