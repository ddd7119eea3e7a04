using System.ComponentModel.DataAnnotations;
using StackExchange.Redis;

namespace Monolith.BuildingBlocks.Caching;

/// <summary>
/// Redis used as the shared, restart-surviving L2 of the cache (section <c>Redis</c>). An empty
/// <see cref="Configuration"/> means no Redis: the L2 is then PostgreSQL (<see cref="CachingOptions.L2"/>).
/// </summary>
public sealed class RedisOptions : IValidatableObject
{
    public const string Section = "Redis";

    /// <summary>StackExchange.Redis configuration string, e.g. <c>localhost:6379,abortConnect=false</c>.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every key this application writes, so several applications can share one Redis.</summary>
    [Required(AllowEmptyStrings = false)]
    public string InstanceName { get; set; } = "monolith:";

    public bool Enabled => !string.IsNullOrWhiteSpace(Configuration);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled) yield break;
        string? error = null;
        try
        {
            ConfigurationOptions.Parse(Configuration!);
        }
        catch (ArgumentException e)
        {
            error = e.Message;
        }
        if (error is not null)
            yield return new ValidationResult($"is not a valid StackExchange.Redis configuration string: {error}", [nameof(Configuration)]);
    }
}
