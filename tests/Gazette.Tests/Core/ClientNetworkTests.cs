using System.Net;
using Gazette.Core.Network;

namespace Gazette.Tests.Core;

/// <summary>Which addresses count as one client (issue 11): IPv4 one by one, IPv6 by its prefix.</summary>
public sealed class ClientNetworkTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7/32")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7/32")]
    [InlineData("127.0.0.1", "127.0.0.1/32")]
    public void AnIpv4AddressIsItsOwnClientHoweverItIsWritten(string address, string network)
    {
        Assert.Equal(network, ClientNetwork.Of(IPAddress.Parse(address)).ToString());
    }

    [Theory]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    [InlineData("fe80::1%3", "fe80::/64")]
    [InlineData("::1", "::/64")]
    public void AnIpv6AddressStandsForItsSlash64ByDefault(string address, string network)
    {
        Assert.Equal(network, ClientNetwork.Of(IPAddress.Parse(address)).ToString());
    }

    [Theory]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 48, "2001:db8:1::/48")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 56, "2001:db8:1::/56")]
    [InlineData("2001:db8:1:2ff:aaaa:bbbb:cccc:dddd", 56, "2001:db8:1:200::/56")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 60, "2001:db8:1::/60")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 127, "2001:db8:1:2:aaaa:bbbb:cccc:dddc/127")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 128, "2001:db8:1:2:aaaa:bbbb:cccc:dddd/128")]
    [InlineData("ffff::1", 1, "8000::/1")]
    public void TheIpv6PrefixLengthIsWhatTheSiteSays(string address, int prefixLength, string network)
    {
        Assert.Equal(network, ClientNetwork.Of(IPAddress.Parse(address), prefixLength).ToString());
    }

    [Fact]
    public void TheIpv6PrefixLengthLeavesIpv4Alone()
    {
        Assert.Equal("198.51.100.23/32", ClientNetwork.Of(IPAddress.Parse("198.51.100.23"), 48).ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(129)]
    public void APrefixLengthOutsideOneTo128IsRefused(int prefixLength)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ClientNetwork.Of(IPAddress.IPv6Loopback, prefixLength));
    }
}
