using Monolith.Companies;
using Monolith.Companies.Contracts;
using Monolith.Companies.OpenAI;

namespace Monolith.BuildingBlocks.Tests.CompanyAnalysis.OpenAI;

/// <summary>Grounding of a model's evidence in the cited page's text (pure).</summary>
public sealed class EvidenceGroundingTests
{
    private const string Home = "https://acme.example/";

    private static readonly EvidenceGrounding Grounding = new(new SiteContent(new Uri(Home), "DE",
    [
        new SitePage(new Uri(Home), "home", "text/html",
            "<html><body><h1>Acme “Pump” GmbH</h1><p>We build industrial pumps for food plants – since 1990.</p><p>Service 24/7.</p></body></html>", "h"),
    ]));

    [Theory]
    [InlineData("industrial pumps for food plants", true)]
    [InlineData("ACME \"PUMP\" GMBH", true)] // case and quotes folded
    [InlineData("food plants - since 1990", true)] // en dash folded to a hyphen
    [InlineData("We build … since 1990", true)] // an elided quote needs each part
    [InlineData("We build … since 1875", false)]
    [InlineData("trusted by 500 breweries", false)]
    [InlineData("…", false)] // nothing to find
    public void a_snippet_is_grounded_when_its_words_are_on_the_cited_page(string snippet, bool grounded) =>
        Assert.Equal(grounded, Grounding.IsGrounded(new Evidence(Home, snippet)));

    [Fact]
    public void a_snippet_citing_another_page_is_not_grounded() =>
        Assert.False(Grounding.IsGrounded(new Evidence("https://acme.example/about", "industrial pumps")));

    [Fact]
    public void a_list_entry_left_without_evidence_is_dropped_and_a_single_fact_keeps_a_low_confidence()
    {
        var proposition = new ValueProposition(
            [
                new Fact<Offering>(new Offering("Pumps", "product", null), 0.9, [new Evidence(Home, "industrial pumps")]),
                new Fact<Offering>(new Offering("Valves", "product", null), 0.9, [new Evidence(Home, "precision valves")]),
            ],
            [new Fact<string>("24/7 service", 0.7, [new Evidence(Home, "Service 24/7"), new Evidence(Home, "fastest in Europe")])],
            [],
            new Fact<IReadOnlyList<CompanySizeBand>>([CompanySizeBand.Medium], 0.8, [new Evidence(Home, "for mid-sized dairies")]),
            "openai");

        var (grounded, ungrounded) = Grounding.Apply(proposition);

        Assert.Equal(3, ungrounded);
        Assert.Equal(["Pumps"], grounded.Offerings.Select(o => o.Value.Name));
        Assert.Equal(["Service 24/7"], grounded.Differentiators.Single().Evidence.Select(e => e.Snippet));
        Assert.Equal(EvidenceGrounding.UngroundedConfidence, grounded.CustomerSizeFocus!.Confidence);
        Assert.Empty(grounded.CustomerSizeFocus.Evidence);
    }
}
