using System.Security.Cryptography;
using System.Text;
using Monolith.BuildingBlocks.Access;

namespace Monolith.Testing;

/// <summary>
/// API keys for Host processes started by tests: derived from the tenant and role, so every node of a multi-node test
/// accepts the same keys; the Host gets only their SHA-256 (<c>Access:Keys</c>), as a real deployment would.
/// </summary>
public static class TestKeys
{
    /// <summary>Tenants every test Host process knows an admin, operator and viewer key for.</summary>
    public static readonly string[] Tenants = ["default", "restart", "reliability", "kill-docs", "kill-prospects", "pg-restart", "sigterm", "outage", "load", "sustained-load", "secrets", "limits", "acme", "globex", "initech", "umbrella"];

    public static string For(string tenant, AccessRole role = AccessRole.Admin) =>
        ApiKeySecret.Prefix + "test_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"monolith-tests/{tenant}/{role}")))[..40];

    /// <summary>The <c>Access__Keys__N__*</c> environment variables configuring every test key (hashes only).</summary>
    public static IEnumerable<KeyValuePair<string, string>> Environment(IEnumerable<string>? extraTenants = null)
    {
        var i = 0;
        foreach (var tenant in Tenants.Concat(extraTenants ?? []).Distinct())
        {
            foreach (var role in Enum.GetValues<AccessRole>())
            {
                var prefix = $"Access__Keys__{i++}__";
                yield return new(prefix + "Name", $"test-{tenant}-{role.ToString().ToLowerInvariant()}");
                yield return new(prefix + "Tenant", tenant);
                yield return new(prefix + "Role", role.ToString());
                yield return new(prefix + "Sha256", ApiKeySecret.Hash(For(tenant, role)));
            }
        }
    }
}
