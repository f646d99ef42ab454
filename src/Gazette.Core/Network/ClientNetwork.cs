using System.Net;
using System.Net.Sockets;

namespace Gazette.Core.Network;

/// <summary>
/// The addresses taken to be one client's, for everything that counts or stops readers by address (rate limits, bans,
/// vote and flag de-duplication, the IP hashes stored with comments): an IPv4 address is its own; an IPv6 host
/// normally owns a whole prefix (a /64 from its provider, RFC 6177) and picks any address in it at will, so IPv6 is
/// grouped by that prefix. An IPv4 address written as IPv6 (::ffff:203.0.113.7, as a dual-stack socket gives it) is
/// the IPv4 address.
/// </summary>
public static class ClientNetwork
{
    public const int DefaultIpv6PrefixLength = 64;

    /// <summary>The network standing for this client: the IPv4 address alone (/32), or the IPv6 address's prefix.</summary>
    public static IPNetwork Of(IPAddress address, int ipv6PrefixLength = DefaultIpv6PrefixLength)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentOutOfRangeException.ThrowIfLessThan(ipv6PrefixLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ipv6PrefixLength, 128);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return new IPNetwork(address, 32);
        }
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        // Keep the prefix's bits, clear the rest (the scope id of a link-local address goes too: it names our interface, not theirs).
        for (var bit = ipv6PrefixLength; bit < 128; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }
        return new IPNetwork(new IPAddress(bytes), ipv6PrefixLength);
    }
}
