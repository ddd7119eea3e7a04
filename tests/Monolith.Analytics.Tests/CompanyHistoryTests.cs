namespace Monolith.Analytics.Tests;

public class CompanyHistoryTests
{
    private static CompanyAnalysisObserved Observed(string domain, Guid id, int minute) =>
        new(domain, id, "supplier", $"https://{domain}/", "DE", new DateTimeOffset(2026, 11, 23, 10, minute, 0, TimeSpan.Zero));

    [Fact]
    public void the_stream_id_follows_from_the_domain_alone()
    {
        Assert.Equal(CompanyHistory.StreamIdFor("acme.example"), CompanyHistory.StreamIdFor("ACME.example"));
        Assert.NotEqual(CompanyHistory.StreamIdFor("acme.example"), CompanyHistory.StreamIdFor("acme.example.org"));
        Assert.Equal(5, CompanyHistory.StreamIdFor("acme.example").Version);
    }

    [Fact]
    public void a_new_analysis_is_recorded()
    {
        var observed = Observed("acme.example", Guid.CreateVersion7(), 1);
        Assert.Equal([observed], CompanyHistoryDecider.Decide(null, observed));
    }

    [Fact]
    public void the_same_analysis_observed_again_records_nothing()
    {
        var observed = Observed("acme.example", Guid.CreateVersion7(), 1);
        var history = CompanyHistory.Create(observed);
        Assert.Empty(CompanyHistoryDecider.Decide(history, observed));
    }

    [Fact]
    public void history_keeps_every_analysis_and_the_latest_time_even_out_of_order()
    {
        var later = Observed("acme.example", Guid.CreateVersion7(), 30);
        var earlier = Observed("acme.example", Guid.CreateVersion7(), 5);
        var history = CompanyHistory.Create(later);
        history.Apply(earlier);

        Assert.Equal(2, history.Analyses.Count);
        Assert.Equal(later.At, history.LastAnalysedAt);
        Assert.Equal(CompanyHistory.StreamIdFor("acme.example"), history.Id);
    }
}
