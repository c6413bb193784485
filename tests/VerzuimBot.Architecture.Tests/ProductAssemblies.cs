using System.Reflection;

namespace VerzuimBot.Architecture.Tests;

/// <summary>The product's assemblies (src/) and what each one references, as compiled (only what the code really uses).</summary>
internal static class ProductAssemblies
{
    public const string Domain = "VerzuimBot.Domain";
    public const string Tables = "VerzuimBot.Tables";
    public const string Storage = "VerzuimBot.Storage";
    public const string Access = "VerzuimBot.Access";
    public const string Protocol = "VerzuimBot.Protocol";
    public const string Connector = "VerzuimBot.Connector";
    public const string Cards = "VerzuimBot.Cards";
    public const string Host = "VerzuimBot";
    public const string AppPackage = "VerzuimBot.AppPackage";

    public static readonly string[] All = [Domain, Tables, Storage, Access, Protocol, Connector, Cards, Host, AppPackage];

    public static IReadOnlyList<string> ReferencesOf(string assembly) =>
        Assembly.Load(new AssemblyName(assembly)).GetReferencedAssemblies().Select(a => a.Name!).Order(StringComparer.Ordinal).ToList();

    /// <summary>The references of <paramref name="assembly"/> that match <paramref name="banned"/>.</summary>
    public static IReadOnlyList<string> Offending(string assembly, Func<string, bool> banned) => ReferencesOf(assembly).Where(banned).ToList();

    public static bool IsProduct(string name) => name == Host || name.StartsWith(Host + ".", StringComparison.Ordinal);

    public static bool IsAspNetCore(string name) => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal);
}
