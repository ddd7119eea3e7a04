using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monolith.BuildingBlocks.Hosting;
using Monolith.BuildingBlocks.Options;

namespace Monolith.BuildingBlocks.Tests;

public class OptionsValidationTests
{
    public sealed class SampleOptions
    {
        [Range(1, 60)] public int TimeoutSeconds { get; set; } = 10;
        public NestedOptions Nested { get; set; } = new();
    }

    public sealed class NestedOptions
    {
        [Required, Url] public string? Endpoint { get; set; } = "https://example.test";
    }

    private static IServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddValidatedOptions<SampleOptions>("Sample");
        return services.BuildServiceProvider();
    }

    [Fact]
    public void valid_settings_bind()
    {
        var options = Build(new() { ["Sample:TimeoutSeconds"] = "30" }).GetRequiredService<IOptions<SampleOptions>>().Value;
        Assert.Equal(30, options.TimeoutSeconds);
    }

    [Fact]
    public void an_out_of_range_value_names_the_full_setting_path()
    {
        var provider = Build(new() { ["Sample:TimeoutSeconds"] = "0" });
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SampleOptions>>().Value);
        Assert.Contains("Sample:TimeoutSeconds:", error.Failures.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void nested_sections_are_validated_too()
    {
        var provider = Build(new() { ["Sample:Nested:Endpoint"] = "not a url" });
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SampleOptions>>().Value);
        Assert.Contains("Sample:Nested:Endpoint:", error.Failures.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void startup_failure_describes_an_invalid_option_in_one_line()
    {
        var provider = Build(new() { ["Sample:TimeoutSeconds"] = "-5" });
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SampleOptions>>().Value);
        var line = StartupFailure.Describe(new InvalidOperationException("wrapper", error));
        Assert.NotNull(line);
        Assert.DoesNotContain('\n', line);
        Assert.Contains("Sample:TimeoutSeconds", line, StringComparison.Ordinal);
    }
}
