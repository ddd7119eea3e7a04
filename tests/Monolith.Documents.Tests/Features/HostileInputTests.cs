using System.Net;
using Alba;
using Monolith.Testing;

namespace Monolith.Documents.Tests.Features;

/// <summary>Malformed requests to every Documents endpoint: a clear 4xx ProblemDetails, never a 500.</summary>
public class when_document_requests_are_malformed(DocumentsFixture app) : IClassFixture<DocumentsFixture>
{
    [Theory]
    [InlineData("/api/documents?page=0", "page")]
    [InlineData("/api/documents?pageSize=5000", "pageSize")]
    [InlineData("/api/documents?page=abc", "page")]
    [InlineData("/api/documents?status=Sleeping", "status")]
    [InlineData("/api/documents?documentType=Poem", "documentType")]
    [InlineData("/api/documents/review-queue?documentType=Poem", "documentType")]
    [InlineData("/api/documents/training-data?minConfidence=7", "minConfidence")]
    public async Task bad_query_values_are_400_naming_the_parameter(string url, string parameter)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });
        Assert.Contains(parameter, await result.ReadAsTextAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/api/documents/not-a-guid")]
    [InlineData("/api/documents/00000000-0000-0000-0000-000000000001")]
    [InlineData("/api/documents/00000000-0000-0000-0000-000000000001/events")]
    public async Task unknown_documents_are_404(string url)
    {
        await app.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.StatusCodeShouldBe(HttpStatusCode.NotFound);
        });
    }

    [Theory]
    [InlineData("/api/automation/settings")]
    [InlineData("/api/automation/settings/departments/finance")]
    public async Task broken_json_settings_are_400(string url)
    {
        await app.Host.Scenario(s =>
        {
            s.Put.Text("{\"goal\": ").ToUrl(url);
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });
    }

    [Fact]
    public async Task a_review_of_an_unknown_document_is_404_and_broken_json_is_400()
    {
        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { action = "approve" }).ToUrl($"/api/documents/{Guid.NewGuid()}/review");
            s.StatusCodeShouldBe(HttpStatusCode.NotFound);
        });
        await app.Host.Scenario(s =>
        {
            s.Post.Text("[1,2").ToUrl($"/api/documents/{Guid.NewGuid()}/review");
            s.WithRequestHeader("Content-Type", "application/json");
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });
    }

    [Fact]
    public async Task a_json_body_instead_of_a_form_is_415()
    {
        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { file = "aGVsbG8=" }).ToUrl("/api/documents");
            s.StatusCodeShouldBe(HttpStatusCode.UnsupportedMediaType);
        });
    }
}
