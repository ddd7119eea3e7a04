using System.Security.Cryptography;
using System.Text;

namespace Monolith.BuildingBlocks.Messaging;

/// <summary>
/// A name-based (RFC 4122 version 5 layout, SHA-1) Guid: the same name always gives the same id, so a stream keyed by
/// a domain, a document or a source item can be found — and started once — without a lookup.
/// </summary>
public static class NameBasedGuid
{
    public static Guid From(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var bytes = SHA1.HashData(Encoding.UTF8.GetBytes(name))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
