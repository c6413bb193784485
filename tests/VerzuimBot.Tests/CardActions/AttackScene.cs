using Microsoft.Extensions.DependencyInjection;
using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.SickRoute.RouteHarness;

namespace VerzuimBot.Tests.CardActions;

/// <summary>
/// The demo school with Daan de Vries (123456, 2b, Utrecht) sick since Friday 9 October 2026, and the people issue 19
/// reviews as attackers, each with a valid Teams account in the allowed tenant: leerplicht (Daan lives in its gemeente,
/// but was never reported), the SWV and the jeugdarts of the school (nothing reported or referred), Olga, who holds every
/// school role at another school (12AB00), and Sam, who has no role at all.
/// </summary>
internal static class AttackScene
{
    public const string OtherSchool = "12AB00";

    public static readonly TeamsUser Lotte = new("Lotte Leerplicht", "29:lotte", "aad-lotte", "lotte@rbl.example.nl");
    public static readonly TeamsUser Sanne = new("Sanne SWV", "29:sanne", "aad-sanne", "sanne@swv.example.nl");
    public static readonly TeamsUser Olga = new("Olga Elders", "29:olga", "aad-olga", "olga@andereschool.example.nl");

    public static IReadOnlyList<TeamsUser> Attackers { get; } = [Lotte, Sanne, Jasper, Olga, Stranger];

    /// <summary>What no refusal may contain: Daan's name, klas, number, and who recorded his ziekmelding.</summary>
    public static IReadOnlyList<string> DaansData { get; } = ["Daan", "Vries", "(2b)", "123456", "rita.receptie", "Rita"];

    /// <summary>Another school in the same tenant (appsettings.Demo.json holds organisations 0-3 and roles 0-8), where Olga holds every school role.</summary>
    public static Dictionary<string, string?> Settings(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Tenants:Organisations:4:Id"] = OtherSchool,
            ["Tenants:Organisations:4:Kind"] = "School",
            ["Tenants:Organisations:4:Name"] = "Andere school (fictief)",
            ["Tenants:Organisations:4:TenantIds:0"] = Tenant,
        };
        var roles = new[] { ("Receptie", ""), ("Verzuimcoordinator", ""), ("Zorgcoordinator", ""), ("Mentor", "klas:2b") };
        for (var i = 0; i < roles.Length; i++)
        {
            settings[$"Demo:Roles:{9 + i}:Organisation"] = OtherSchool;
            settings[$"Demo:Roles:{9 + i}:Role"] = roles[i].Item1;
            settings[$"Demo:Roles:{9 + i}:Email"] = Olga.Upn;
            settings[$"Demo:Roles:{9 + i}:Scope"] = roles[i].Item2;
        }

        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>The scene, with Daan reported sick by Rita and everyone's chat known.</summary>
    public static async Task<RouteHarness> DaanIsSickAsync(Dictionary<string, string?>? extra = null)
    {
        var route = new RouteHarness(Settings(extra));
        foreach (var user in new[] { Lotte, Sanne, Olga })
        {
            route.AddMember(user);
        }

        await route.SetClockAsync(new DateTimeOffset(2026, 10, 9, 8, 0, 0, TimeSpan.FromHours(2)));
        await route.EveryoneSaysHelloAsync([Rita, Max, Zora, Vera, .. Attackers]);
        foreach (var text in new[] { "ziek 123456", "weet ik niet", "ja", "ja" })
        {
            await route.SayAsync(Rita, text);
        }

        // The mentor is told at once, by the scheduler: wait for it, so it arrives before whatever a test does next.
        await route.WaitForCardAsync(Max, "Ziekmelding van je mentorleerling");
        return route;
    }

    public static Task<IReadOnlyList<VerzuimBot.Storage.AuditEntry>> AuditOfAsync(RouteHarness route, string leerlingnummer) =>
        route.App.Services.GetRequiredService<VerzuimBot.Storage.AuditStore>().ListForStudentAsync("99DE00", route.StudentIdOf(leerlingnummer).Value);
}
