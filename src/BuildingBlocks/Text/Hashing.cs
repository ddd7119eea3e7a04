using System.Security.Cryptography;
using System.Text;

namespace Monolith.BuildingBlocks.Text;

/// <summary>Lower-case hex SHA-256, the input hash of analysis steps and cache keys.</summary>
public static class Hashing
{
    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
