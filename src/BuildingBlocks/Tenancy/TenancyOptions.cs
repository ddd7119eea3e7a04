using System.ComponentModel.DataAnnotations;

namespace Monolith.BuildingBlocks.Tenancy;

public sealed class TenancyOptions
{
    public const string Section = "Tenancy";

    /// <summary>Request header carrying the customer (tenant) id.</summary>
    [Required(AllowEmptyStrings = false)]
    public string HeaderName { get; set; } = "X-Customer-Id";

    /// <summary>Tenant used when a request names none; empty means the header is mandatory.</summary>
    [RegularExpression(TenantId.Pattern, ErrorMessage = "must be 1-64 characters of a-z, 0-9, '-' or '_'")]
    public string? DefaultTenant { get; set; } = "default";
}

/// <summary>What a tenant id may look like: it ends up in Marten's tenant_id column, logs and metrics tags.</summary>
public static class TenantId
{
    public const string Pattern = "^[a-z0-9][a-z0-9_-]{0,63}$";
    private static readonly System.Text.RegularExpressions.Regex Regex = new(Pattern,
        System.Text.RegularExpressions.RegexOptions.Compiled | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    public static bool IsValid(string? value) => value is not null && Regex.IsMatch(value);

    /// <summary>Ids are case-insensitive for callers; stored lower-case.</summary>
    public static string Normalise(string value) => value.Trim().ToLowerInvariant();
}
