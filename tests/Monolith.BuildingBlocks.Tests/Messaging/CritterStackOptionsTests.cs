using Monolith.BuildingBlocks.Messaging;
using Monolith.BuildingBlocks.Options;

namespace Monolith.BuildingBlocks.Tests.Messaging;

public class CritterStackOptionsTests
{
    [Fact]
    public void the_defaults_are_wolverines_node_timings_and_valid()
    {
        var options = new CritterStackOptions();
        Assert.Equal((10, 60, 5), (options.HealthCheckSeconds, options.StaleNodeSeconds, options.NodeReassignmentSeconds));
        Assert.Empty(OptionsRegistration.Validate(options, CritterStackOptions.Section));
    }

    [Fact]
    public void a_stale_node_timeout_shorter_than_two_heartbeats_is_refused()
    {
        var errors = OptionsRegistration.Validate(new CritterStackOptions { HealthCheckSeconds = 5, StaleNodeSeconds = 9 }, CritterStackOptions.Section);
        Assert.StartsWith("CritterStack:StaleNodeSeconds:", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void short_node_timings_for_fast_failover_are_accepted() =>
        Assert.Empty(OptionsRegistration.Validate(new CritterStackOptions { HealthCheckSeconds = 2, StaleNodeSeconds = 10, NodeReassignmentSeconds = 2 }, CritterStackOptions.Section));
}
