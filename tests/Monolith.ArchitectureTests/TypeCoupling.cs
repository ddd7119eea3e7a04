using System.Reflection;
using System.Runtime.CompilerServices;

namespace Monolith.ArchitectureTests;

/// <summary>
/// Finds where a type's signatures (base type, interfaces, fields, properties, method and constructor parameters and
/// returns) mention a type from another module's implementation assembly. Catches coupling the assembly graph hides,
/// e.g. an assembly loaded by reflection or a type that leaks through a shared generic.
/// </summary>
internal static class TypeCoupling
{
    private const BindingFlags Declared =
        BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    /// <param name="type">The type to inspect.</param>
    /// <param name="ownerModule">The module the inspecting assembly belongs to; null for BuildingBlocks, which owns no module.</param>
    public static IEnumerable<string> ForeignModuleTypesUsedBy(Type type, string? ownerModule)
    {
        ArgumentNullException.ThrowIfNull(type);
        return SignatureTypes(type)
            .SelectMany(use => Flatten(use.Type).Select(t => (use.Where, Type: t)))
            .Where(use => IsOtherModulesInternals(use.Type, ownerModule))
            .Select(use => $"{type.FullName} ({use.Where}) uses {use.Type.FullName} from {use.Type.Assembly.GetName().Name} "
                + "(another module's internals); move it to that module's Contracts")
            .Distinct(StringComparer.Ordinal);
    }

    private static bool IsOtherModulesInternals(Type used, string? ownerModule)
    {
        var kind = ProjectKind.Of(used.Assembly.GetName().Name!);
        return kind.Role == ProjectRole.Module && kind.Module != ownerModule;
    }

    private static IEnumerable<(string Where, Type Type)> SignatureTypes(Type type)
    {
        if (type.BaseType is not null)
            yield return ("base type", type.BaseType);
        foreach (var contract in type.GetInterfaces())
            yield return ("interface", contract);
        // Backing fields and property/event accessors repeat what the property already reports; operators are kept.
        foreach (var field in type.GetFields(Declared).Where(f => !f.IsDefined(typeof(CompilerGeneratedAttribute))))
            yield return ($"field {field.Name}", field.FieldType);
        foreach (var property in type.GetProperties(Declared))
            yield return ($"property {property.Name}", property.PropertyType);
        foreach (var method in type.GetMethods(Declared).Where(m => !m.IsSpecialName || m.Name.StartsWith("op_", StringComparison.Ordinal)))
        {
            yield return ($"return of {method.Name}", method.ReturnType);
            foreach (var parameter in method.GetParameters())
                yield return ($"parameter {parameter.Name} of {method.Name}", parameter.ParameterType);
        }
        foreach (var parameter in type.GetConstructors(Declared).SelectMany(c => c.GetParameters()))
            yield return ($"constructor parameter {parameter.Name}", parameter.ParameterType);
    }

    /// <summary>Unwraps arrays, by-refs and generic arguments so <c>List&lt;Foo[]&gt;</c> reports <c>Foo</c>.</summary>
    private static IEnumerable<Type> Flatten(Type type)
    {
        if (type.IsGenericParameter)
            yield break;
        if (type.HasElementType)
        {
            foreach (var inner in Flatten(type.GetElementType()!))
                yield return inner;
            yield break;
        }
        yield return type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        foreach (var inner in type.GenericTypeArguments.SelectMany(Flatten))
            yield return inner;
    }
}
