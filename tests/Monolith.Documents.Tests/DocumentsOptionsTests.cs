using Monolith.BuildingBlocks.Options;

namespace Monolith.Documents.Tests;

public class DocumentsOptionsTests
{
    [Fact]
    public void defaults_match_the_product_limits()
    {
        var options = new DocumentsOptions();
        Assert.Equal(20L * 1024 * 1024, options.MaxUploadBytes);
        Assert.Equal(30, options.WaitTimeoutSeconds);
        Assert.Equal(100, options.BulkMaxFiles);
        Assert.Empty(OptionsRegistration.Validate(options, DocumentsOptions.Section));
    }

    [Fact]
    public void out_of_range_limits_are_rejected_by_setting_name()
    {
        var errors = OptionsRegistration.Validate(new DocumentsOptions { MaxUploadBytes = 10, WaitTimeoutSeconds = 0 }, DocumentsOptions.Section);
        Assert.Contains(errors, e => e.StartsWith("Documents:MaxUploadBytes:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Documents:WaitTimeoutSeconds:", StringComparison.Ordinal));
    }
}
