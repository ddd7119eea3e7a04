using System.ComponentModel.DataAnnotations;
using Monolith.Companies;
using Monolith.Companies.Contracts;

namespace Monolith.Companies.OpenAI;

/// <summary>
/// Settings of the <c>openai</c> company analyzer, section <c>CompanyAnalysis:OpenAI</c>: how much of the crawled site goes
/// into a prompt. Endpoint, key, model, budgets and cache are the gateway's (<c>Llm:*</c>).
/// </summary>
public sealed class OpenAIAnalyzerOptions : IValidatableObject
{
    public const string Section = "CompanyAnalysis:OpenAI";

    /// <summary>Visible text kept per page (the rest is cut and marked as cut).</summary>
    [Range(200, 200_000)]
    public int MaxCharactersPerPage { get; set; } = 6_000;

    /// <summary>Visible text of all pages together; pages after the budget is spent are left out.</summary>
    [Range(1_000, 1_000_000)]
    public int MaxCharactersTotal { get; set; } = 40_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxCharactersPerPage > MaxCharactersTotal)
            yield return new ValidationResult($"must not exceed MaxCharactersTotal ({MaxCharactersTotal}).", [nameof(MaxCharactersPerPage)]);
    }
}
