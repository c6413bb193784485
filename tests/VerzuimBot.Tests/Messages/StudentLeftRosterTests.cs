using Microsoft.Extensions.DependencyInjection;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Messages;
using VerzuimBot.Protocol.Dossiers;
using VerzuimBot.Protocol.SickAbsence;
using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.SickRoute.RouteHarness;

namespace VerzuimBot.Tests.Messages;

/// <summary>
/// A student taken off the roster between a turn's read and its write (DossierService's roster guard) ends any chat command
/// with a Dutch sentence and nothing stored, not a 500 that the connector would resend (issue 17's leftover: only the card
/// router and the ziekmelding route caught it).
/// </summary>
public sealed class StudentLeftRosterTests
{
    [Fact]
    public async Task AChatCommandWhoseStudentLeftTheRosterMidTurn_GetsTheDutchSentence_AndTheTurnSucceeds()
    {
        await using var route = new RouteHarness(services: s => s.AddSingleton<IChatCommands, RosterRaceCommand>());
        await route.EveryoneSaysHelloAsync(Rita);

        var replies = await route.SayAsync(Rita, RosterRaceCommand.Text);

        Assert.Equal([SickAbsenceService.StudentLeftRoster], replies);
    }

    /// <summary>Stands in for any command whose write found the roster entry gone (the race is DossierService's to detect).</summary>
    private sealed class RosterRaceCommand : IChatCommands
    {
        public const string Text = "roosterrace";

        public Task<Activity?> TryHandleAsync(Activity activity, string command, string original, string dialogKey, CancellationToken cancellationToken) =>
            command == Text ? throw new StudentLeftRosterException() : Task.FromResult<Activity?>(null);
    }
}
