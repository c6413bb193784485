using VerzuimBot.Access.Roster;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Storage;

namespace VerzuimBot.Demo;

/// <summary>
/// Development demo only: puts the fictional demo school (students, staff roles) in the store at
/// start-up, the way a beheerder's roster import and role commands would. Safe to run on every start.
/// </summary>
internal sealed class DemoSeeder(DemoOptions options, RosterStore roster, StudentIds ids, TimeProvider time, ILogger<DemoSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        var now = time.GetUtcNow();
        var school = new SchoolId(options.SchoolId);
        foreach (var s in options.Students)
        {
            var details = new RosterStudentDetails(s.Leerlingnummer, s.Roepnaam, s.Tussenvoegsel, s.Achternaam, s.Geboortedatum, s.Klas, s.MentorEmail, s.Woongemeente, SchoolType.VO, Inschrijfdatum: s.Inschrijfdatum);
            await roster.UpsertStudentAsync(new RosterStudent(school.Value, ids.For(school, s.Leerlingnummer).Value, details.ToEnvelope(), now), cancellationToken).ConfigureAwait(false);
        }

        // The demo clock can be set back to any day of the known calendar; the roles hold from its start.
        var validFrom = SchoolClock.At(new DateOnly(2025, 8, 1), TimeOnly.MinValue);
        foreach (var role in options.Roles)
        {
            await roster.AssignRoleAsync(new RoleAssignment(role.Organisation, role.Role.ToString(), role.Email, role.Scope, validFrom), cancellationToken).ConfigureAwait(false);
        }

        logger.LogInformation("Demo school {School} seeded: {Students} students, {Roles} roles", school.Value, options.Students.Count, options.Roles.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
