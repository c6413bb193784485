using VerzuimBot.Access.Authorization;
using VerzuimBot.Access.Roster;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Access.Tests;

// The §8 facts derived from the domain's dossier events.
public sealed class StudentContextFactoryTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Zorg = new(new StaffId("zorg"), Role.Zorgcoordinator);
    private static readonly RosterStudentDetails Roster = new("1", "Anne", null, "Bos", new DateOnly(2012, 1, 1), "2b", "m@s.example.nl", "Utrecht", SchoolType.VO);

    [Fact]
    public void Create_SickOnly_RefusesTheLeerplichtReportUntilTheGesprekRecordsOngeoorloofd()
    {
        var sick = new ZiekmeldingRecorded(new EventId("e1"), At, Zorg, new DateOnly(2026, 11, 2), null, true);
        var context = StudentContextFactory.Create("12AB00", "s-1", Roster, [sick]);

        Assert.Equal(new LeerplichtReportFacts(true, false, false), context.LeerplichtFacts);
        Assert.NotNull(LeerplichtReportRule.Check(context.LeerplichtFacts!));

        var gesprek = new GesprekRecorded(new EventId("e2"), At, Zorg, new DateOnly(2026, 11, 20), GesprekOutcome.Ongeoorloofd);
        Assert.Null(LeerplichtReportRule.Check(StudentContextFactory.Create("12AB00", "s-1", Roster, [sick, gesprek]).LeerplichtFacts!));
    }

    [Fact]
    public void Create_RetractedJudgement_NoLongerCounts()
    {
        var gesprek = new GesprekRecorded(new EventId("e2"), At, Zorg, new DateOnly(2026, 11, 20), GesprekOutcome.Ongeoorloofd);
        var herstel = new EventRetracted(new EventId("e3"), At, Zorg, new EventId("e2"), "verkeerde leerling");

        var context = StudentContextFactory.Create("12AB00", "s-1", Roster, [gesprek, herstel]);

        Assert.False(context.LeerplichtFacts!.VermoedenOngeoorloofdRecorded);
    }

    [Fact]
    public void Create_ReferralsAndReports_SetTheKernpartnerFlags()
    {
        var aanmelding = new JeugdartsAanmeldingSent(new EventId("e1"), At, Zorg, new DateOnly(2026, 11, 20), "hulpvraag", "gesprek", null);
        var melding = new LeerplichtMeldingRecorded(new EventId("e2"), At, Zorg, LeerplichtMeldingReason.OngeoorloofdNaGesprek, null);
        var swv = new ThuiszitterChecklistItemCompleted(new EventId("e3"), At, Zorg, "Leerling gemeld bij het samenwerkingsverband als thuiszitter");

        var context = StudentContextFactory.Create("12AB00", "s-1", Roster, [aanmelding, melding, swv]);

        Assert.Equal((true, true, true, "2b", "Utrecht"), (context.ReferredToJeugdarts, context.ReportedToLeerplicht, context.ReportedToSwv, context.Klas, context.Woongemeente));
        Assert.Equal((false, false, false), (StudentContextFactory.Create("12AB00", "s-1", Roster, []) is var none ? (none.ReferredToJeugdarts, none.ReportedToLeerplicht, none.ReportedToSwv) : default));
    }
}
