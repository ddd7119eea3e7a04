using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Monolith.BuildingBlocks.Options;

/// <summary>
/// Binds an options class to a configuration section (appsettings + environment variables, e.g.
/// <c>Resilience__WebFetch__TimeoutSeconds</c>) and validates it at start-up. Failures name the full
/// setting path (<c>Resilience:WebFetch:TimeoutSeconds</c>) so the message says which setting to fix.
/// </summary>
public static class OptionsRegistration
{
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section)
        where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new SectionDataAnnotationsValidator<T>(section));
        return services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>Validates <paramref name="value"/> recursively with data annotations; each error is
    /// "Section:Property: message".</summary>
    public static IReadOnlyList<string> Validate(object value, string section)
    {
        var errors = new List<string>();
        Collect(value, section, errors, depth: 0);
        return errors;
    }

    private static void Collect(object value, string path, List<string> errors, int depth)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var member = result.MemberNames.FirstOrDefault();
            var setting = member is null ? path : $"{path}:{member}";
            errors.Add($"{setting}: {result.ErrorMessage}");
        }

        if (depth > 4) return;
        foreach (var property in value.GetType().GetProperties())
        {
            if (property.GetIndexParameters().Length > 0) continue;
            var type = property.PropertyType;
            if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type.IsValueType) continue;
            var child = property.GetValue(value);
            if (child is null) continue;
            if (child is System.Collections.IDictionary dictionary)
            {
                foreach (System.Collections.DictionaryEntry entry in dictionary)
                {
                    if (entry.Value is { } item && !item.GetType().IsValueType && item is not string)
                        Collect(item, $"{path}:{property.Name}:{entry.Key}", errors, depth + 1);
                }
                continue;
            }
            if (child is System.Collections.IEnumerable) continue;
            Collect(child, $"{path}:{property.Name}", errors, depth + 1);
        }
    }

    private sealed class SectionDataAnnotationsValidator<T>(string section) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var errors = OptionsRegistration.Validate(options, section);
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
