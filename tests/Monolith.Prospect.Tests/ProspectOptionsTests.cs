using Monolith.BuildingBlocks.Options;

namespace Monolith.Prospect.Tests;

public class ProspectOptionsTests
{
    [Fact]
    public void defaults_match_the_product_limits()
    {
        var options = new ProspectOptions();
        Assert.Equal(500, options.BulkMaxProspects);
        Assert.Empty(OptionsRegistration.Validate(options, ProspectOptions.Section));
    }

    [Fact]
    public void a_concurrency_of_zero_is_rejected_by_setting_name()
    {
        var errors = OptionsRegistration.Validate(new ProspectOptions { BulkConcurrency = 0 }, ProspectOptions.Section);
        Assert.StartsWith("Prospect:BulkConcurrency:", Assert.Single(errors), StringComparison.Ordinal);
    }
}
