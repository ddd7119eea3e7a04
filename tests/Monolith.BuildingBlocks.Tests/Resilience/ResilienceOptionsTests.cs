using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Resilience;

namespace Monolith.BuildingBlocks.Tests.Resilience;

/// <summary>Defaults exist without configuration, configuration overrides single values, bad values name their path.</summary>
public class ResilienceOptionsTests
{
    private static ResilienceOptions Bind(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddResilience();
        return services.BuildServiceProvider().GetRequiredService<IOptions<ResilienceOptions>>().Value;
    }

    [Fact]
    public void well_known_dependencies_have_defaults_without_configuration()
    {
        var options = Bind([]);
        var documentIntelligence = options.For(Dependencies.DocumentIntelligence);
        Assert.Equal(15, documentIntelligence.RateLimit.PermitsPerSecond);
        Assert.Equal(30, documentIntelligence.RateLimit.Burst);
        Assert.Contains(Dependencies.WebFetch, options.Dependencies.Keys);
        Assert.Contains(Dependencies.Llm, options.Dependencies.Keys);
        Assert.True(options.For(Dependencies.Llm).TimeoutSeconds > options.For(Dependencies.WebFetch).TimeoutSeconds);
    }

    [Fact]
    public void configuration_overrides_individual_values_and_keeps_the_other_defaults()
    {
        var options = Bind(new() { ["Resilience:Dependencies:DocumentIntelligence:RateLimit:Burst"] = "50" });
        var settings = options.For(Dependencies.DocumentIntelligence);
        Assert.Equal(50, settings.RateLimit.Burst);
        Assert.Equal(15, settings.RateLimit.PermitsPerSecond);
        Assert.Equal(DependencyResilienceOptions.DefaultsFor(Dependencies.DocumentIntelligence).TimeoutSeconds, settings.TimeoutSeconds);
    }

    [Fact]
    public void an_unknown_dependency_starts_from_generic_defaults()
    {
        var options = Bind(new() { ["Resilience:Dependencies:Geocoder:TimeoutSeconds"] = "3" });
        Assert.Equal(3, options.For("Geocoder").TimeoutSeconds);
        Assert.Equal(new DependencyResilienceOptions().MaxRetryAttempts, options.For("Geocoder").MaxRetryAttempts);
    }

    [Theory]
    [InlineData("Resilience:Dependencies:WebFetch:TimeoutSeconds", "0")]
    [InlineData("Resilience:Dependencies:Llm:CircuitBreaker:FailureRatio", "1.5")]
    [InlineData("Resilience:Dependencies:DocumentIntelligence:RateLimit:PermitsPerSecond", "0")]
    [InlineData("Resilience:Dependencies:WebFetch:TotalTimeoutSeconds", "5")]
    public void invalid_values_fail_with_the_full_setting_path(string key, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { [key] = value }));
        Assert.Contains(error.Failures, failure => failure.StartsWith(key + ":", StringComparison.Ordinal));
    }

    [Fact]
    public void registering_twice_validates_once()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Resilience:Dependencies:WebFetch:TimeoutSeconds"] = "0" }).Build());
        services.AddResilience().AddResilience();
        var error = Assert.Throws<OptionsValidationException>(() =>
            services.BuildServiceProvider().GetRequiredService<IOptions<ResilienceOptions>>().Value);
        Assert.Single(error.Failures);
    }
}
