using System.Text;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Monolith.Host.Tests;

internal static class RouteUrls
{
    /// <summary>A route pattern as a path, each parameter replaced by <paramref name="value"/> (inserted as given).</summary>
    public static string Fill(RoutePattern pattern, Func<RoutePatternParameterPart, string> value)
    {
        var sb = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            sb.Append('/');
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal: sb.Append(literal.Content); break;
                    case RoutePatternSeparatorPart separator: sb.Append(separator.Content); break;
                    case RoutePatternParameterPart parameter: sb.Append(value(parameter)); break;
                }
            }
        }
        return sb.Length == 0 ? "/" : sb.ToString();
    }
}
