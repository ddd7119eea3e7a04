using System.Reflection;

namespace Monolith.ArchitectureTests;

/// <summary>
/// BuildingBlocks is infrastructure only: no domain namespaces, no HTTP endpoints, no message handlers (steps). Its stored
/// event types are checked against the running Host's store in Monolith.Host.Tests (<c>building_blocks_defines_no_event_type</c>).
/// </summary>
public class BuildingBlocksContentTests
{
    private static readonly string[] DomainWords = ["CompanyAnalysis", "Companies", "Supplier", "Prospect", "Documents", "Analytics", "Webhooks"];

    private static Type[] Types() =>
        ReferenceGraph.OurAssemblies(AppContext.BaseDirectory).Single(a => a.GetName().Name == "Monolith.BuildingBlocks").GetTypes();

    [Fact]
    public void no_namespace_of_building_blocks_is_named_after_a_domain()
    {
        var types = Types();
        var offenders = types.Where(t => t.Namespace is { } ns && DomainWords.Any(w => ns.Split('.').Contains(w, StringComparer.Ordinal)))
            .Select(t => t.FullName).ToList();

        Assert.True(types.Length > 50, "too few types inspected");
        Assert.True(offenders.Count == 0, string.Join(Environment.NewLine, offenders));
    }

    [Fact]
    public void building_blocks_declares_no_http_endpoint()
    {
        var endpoints = Types().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttributes(true).Any(a => IsEndpointAttribute(a.GetType())))
            .Select(m => $"{m.DeclaringType!.FullName}.{m.Name}").ToList();

        Assert.True(endpoints.Count == 0, string.Join(Environment.NewLine, endpoints));
    }

    [Fact]
    public void building_blocks_declares_no_message_handler()
    {
        var handlers = Types().Where(t => t.Name.EndsWith("Handler", StringComparison.Ordinal)
                && t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                    .Any(m => m.Name is "Handle" or "HandleAsync" or "Consume" or "ConsumeAsync"))
            .Select(t => t.FullName).ToList();

        Assert.True(handlers.Count == 0, string.Join(Environment.NewLine, handlers));
    }

    [Fact]
    public void the_endpoint_check_recognises_a_wolverine_endpoint() =>
        Assert.Contains(typeof(Monolith.Supplier.Features.RetrySupplierAnalysis.RetrySupplierAnalysisEndpoint).GetMethods(),
            m => m.GetCustomAttributes(true).Any(a => IsEndpointAttribute(a.GetType())));

    private static bool IsEndpointAttribute(Type type)
    {
        for (var current = type; current is not null; current = current.BaseType)
            if (current.FullName == "Wolverine.Http.WolverineHttpMethodAttribute") return true;
        return false;
    }
}
