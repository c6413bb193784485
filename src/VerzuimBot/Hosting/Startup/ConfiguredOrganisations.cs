using VerzuimBot.Access.Tenants;

namespace VerzuimBot.Hosting.Startup;

/// <summary>
/// Tenants:Organisations[] as the tenant allow-list reads it: binding the options and building <see cref="TenantPolicy"/>
/// here means a kind that does not exist, an id used twice, a school naming a kernpartner that is not configured, or a
/// SharePointTenant that is not a tenant name stops the host before it serves, with the policy's own words. Each
/// organisation is bound on its own first: binding the whole list silently leaves out an element that does not bind
/// (a misspelt Kind), and its staff would be refused as strangers.
/// </summary>
internal static class ConfiguredOrganisations
{
    public static readonly ConfigurationCheck Check = new(
        TenantAllowListOptions.SectionName + ":Organisations",
        "Give each organisation a unique Id and a Kind of School, Leerplicht, Jeugdgezondheidszorg, Swv or LokaalTeam; a school's Kernpartners[] lists ids of configured organisations that are not schools, and its SharePointTenant is only the tenant's name, e.g. demoschool (docs/deploy.md §6).",
        c => Problem(c.Configuration))
    {
        AlsoForBeheer = true,
    };

    private static string? Problem(IConfiguration configuration)
    {
        try
        {
            var section = configuration.GetSection(TenantAllowListOptions.SectionName);
            foreach (var organisation in section.GetSection(nameof(TenantAllowListOptions.Organisations)).GetChildren())
            {
                if (organisation.Get<OrganisationOptions>() is { } bound && !Enum.IsDefined(bound.Kind))
                {
                    return $"'{organisation[nameof(OrganisationOptions.Kind)]}' at {organisation.Path}:{nameof(OrganisationOptions.Kind)} is not a kind of organisation";
                }
            }

            _ = new TenantPolicy(section.Get<TenantAllowListOptions>() ?? new TenantAllowListOptions());
            return null;
        }
        catch (InvalidOperationException binding)
        {
            return ConfigurationProblems.Sentence(binding);
        }
        catch (ArgumentException invalid)
        {
            return ConfigurationProblems.Sentence(invalid);
        }
    }
}
