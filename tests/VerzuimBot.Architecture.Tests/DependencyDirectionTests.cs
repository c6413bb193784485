using Product = VerzuimBot.Architecture.Tests.ProductAssemblies;

namespace VerzuimBot.Architecture.Tests;

// Dependencies point one way (README, Layout): Host → (Protocol, Connector, Cards) → Protocol → (Access, Storage) →
// Storage → Tables, and everything → Domain; Domain points at nothing. Read from the compiled assemblies, so a
// project reference nobody uses does not count and a type used through another project does.
public class DependencyDirectionTests
{
    [Fact] // style-anchors §6.2: the domain is pure C#, no I/O.
    public void Domain_ReferencesNoProductAssembly_NoAzure_NoAspNetCore_NoSqlite_NoHttp()
    {
        var offending = Product.Offending(Product.Domain, name => Product.IsProduct(name) || name.StartsWith("Azure", StringComparison.Ordinal) || Product.IsAspNetCore(name)
            || name.Contains("Sqlite", StringComparison.OrdinalIgnoreCase) || name == "System.Net.Http");
        Assert.True(offending.Count == 0, $"{Product.Domain} references {string.Join(", ", offending)}");
    }

    [Fact] // Issue 17: only the stores touch the table client (no justified exception today).
    public void OnlyStorage_ReferencesTables()
    {
        var offending = Product.All.Where(a => a != Product.Storage && a != Product.Tables && Product.ReferencesOf(a).Contains(Product.Tables)).ToList();
        Assert.True(offending.Count == 0, $"{Product.Tables} is referenced by {string.Join(", ", offending)}; only {Product.Storage} may use it");
    }

    [Fact] // The application layer knows no HTTP host, no Bot Connector and no cards.
    public void Protocol_ReferencesNeitherAspNetCore_NorConnector_NorCards()
    {
        var offending = Product.Offending(Product.Protocol, name => Product.IsAspNetCore(name) || name is Product.Connector or Product.Cards or Product.Host);
        Assert.True(offending.Count == 0, $"{Product.Protocol} references {string.Join(", ", offending)}");
    }

    [Fact] // The Bot Connector layer knows nothing of schools.
    public void Connector_ReferencesNoDomain_NoStorage_NoTables()
    {
        var offending = Product.Offending(Product.Connector, Product.IsProduct);
        Assert.True(offending.Count == 0, $"{Product.Connector} references {string.Join(", ", offending)}");
    }

    [Theory] // The whole direction, per assembly: which product assemblies it may use (README, "Dependencies point one way").
    [InlineData(Product.Domain)]
    [InlineData(Product.Tables)]
    [InlineData(Product.Storage, Product.Tables)]
    [InlineData(Product.Access, Product.Domain, Product.Storage)]
    [InlineData(Product.Protocol, Product.Domain, Product.Storage, Product.Access)]
    [InlineData(Product.Connector)]
    [InlineData(Product.Cards)]
    [InlineData(Product.AppPackage)]
    [InlineData(Product.Host, Product.Domain, Product.Storage, Product.Access, Product.Protocol, Product.Connector, Product.Cards)]
    public void EachAssembly_ReferencesOnlyTheProductAssembliesBelowIt(string assembly, params string[] allowed)
    {
        var offending = Product.Offending(assembly, name => Product.IsProduct(name) && !allowed.Contains(name));
        Assert.True(offending.Count == 0, $"{assembly} references {string.Join(", ", offending)}; it may use {(allowed.Length == 0 ? "no product assembly" : string.Join(", ", allowed))}");
    }
}
