using System.Net;
using Monolith.BuildingBlocks.Options;
using Monolith.BuildingBlocks.Web.Fetching;

namespace Monolith.BuildingBlocks.Tests.Web;

public sealed class AddressPolicyTests
{
    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("0.1.2.3")]
    [InlineData("10.0.0.1")]
    [InlineData("10.255.255.255")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.254")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.2")]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.0.0.8")]
    [InlineData("192.0.2.1")]
    [InlineData("192.88.99.1")]
    [InlineData("192.168.1.1")]
    [InlineData("198.18.0.1")]
    [InlineData("198.19.255.255")]
    [InlineData("198.51.100.7")]
    [InlineData("203.0.113.9")]
    [InlineData("224.0.0.1")]
    [InlineData("239.255.255.250")]
    [InlineData("240.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("::127.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:192.168.0.1")]
    [InlineData("64:ff9b::10.0.0.1")]
    [InlineData("64:ff9b::7f00:1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("64:ff9b:1::1")]
    [InlineData("2002:7f00:1::1")]
    [InlineData("2002:c0a8:101::1")]
    [InlineData("2001::1")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")]
    [InlineData("2001:db8::1")]
    [InlineData("3fff::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456:789a::1")]
    [InlineData("fe80::1")]
    [InlineData("fe80::1%2")]
    [InlineData("febf::1")]
    [InlineData("fec0::1")]
    [InlineData("ff02::1")]
    [InlineData("ff0e::1")]
    [InlineData("100::1")]
    [InlineData("5f00::1")]
    public void non_public_addresses_are_refused(string address) =>
        Assert.False(AddressPolicy.IsPublic(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("1.1.1.1")]
    [InlineData("8.8.8.8")]
    [InlineData("93.184.216.34")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("169.253.255.255")]
    [InlineData("192.169.0.1")]
    [InlineData("223.255.255.254")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001:80b::200e")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    public void public_addresses_are_allowed(string address) =>
        Assert.True(AddressPolicy.IsPublic(IPAddress.Parse(address)), address);

    [Fact]
    public void exemptions_cover_host_names_addresses_and_ranges()
    {
        var exemptions = HostExemptions.Parse(["LocalHost.", "127.0.0.1", "10.1.0.0/16", "fd00::/8", "[::1]"]);

        Assert.True(exemptions.IsExempt("localhost"));
        Assert.False(exemptions.IsExempt("example.com"));
        Assert.True(exemptions.Allows(IPAddress.Parse("127.0.0.1")));
        Assert.True(exemptions.Allows(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.False(exemptions.Allows(IPAddress.Parse("127.0.0.2")));
        Assert.True(exemptions.Allows(IPAddress.Parse("10.1.200.3")));
        Assert.False(exemptions.Allows(IPAddress.Parse("10.2.0.1")));
        Assert.True(exemptions.Allows(IPAddress.Parse("fd00::5")));
        Assert.True(exemptions.Allows(IPAddress.Parse("::1")));
        Assert.False(exemptions.Allows(IPAddress.Parse("169.254.169.254")));
        Assert.True(exemptions.Allows(IPAddress.Parse("8.8.8.8")));
        Assert.False(HostExemptions.None.Allows(IPAddress.Parse("127.0.0.1")));
    }

    [Theory]
    [InlineData("10.0.0.1/8")]
    [InlineData("10.0.0.0/33")]
    [InlineData("not a host/8")]
    [InlineData("bad host name")]
    [InlineData(" ")]
    public void invalid_allowed_host_entries_fail_validation_naming_the_entry(string entry)
    {
        var options = new WebFetchOptions { AllowedHosts = ["127.0.0.1", entry] };

        var error = Assert.Single(OptionsRegistration.Validate(options, WebFetchOptions.Section));

        Assert.StartsWith("WebFetch:AllowedHosts: entry 1 ('" + entry + "')", error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => HostExemptions.Parse(options.AllowedHosts));
    }

    [Fact]
    public void defaults_are_valid_and_the_product_token_is_the_first_token_without_version()
    {
        var options = new WebFetchOptions();
        Assert.Empty(OptionsRegistration.Validate(options, WebFetchOptions.Section));
        Assert.Equal("MonolithBot", options.ProductToken);
        Assert.Equal(2 * 1024 * 1024, options.MaxResponseBytes);
        Assert.Equal(5, options.MaxRedirects);
        Assert.Equal(2, options.PerHostConcurrency);
    }
}
