using System.Reflection;
using System.Text.Json.Serialization;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using static VerzuimBot.Domain.Tests.DossierBuilder;

namespace VerzuimBot.Domain.Tests.Dossier;

public class DossierEventSerializerTests
{
    private static readonly Actor Actor = new(new StaffId("s1"), Role.Zorgcoordinator);
    private static readonly DateTimeOffset When = At(D(2026, 11, 2));

    public static TheoryData<DossierEvent> OneOfEach() =>
    [
        new ZiekmeldingRecorded(new("e1"), When, Actor, D(2026, 11, 2), D(2026, 11, 5), true),
        new BeterMeldingRecorded(new("e2"), When, Actor, D(2026, 11, 6)),
        new EventRetracted(new("e3"), When, Actor, new("e1"), "verkeerde leerling"),
        new UnauthorisedHoursRecorded(new("e4"), When, Actor, D(2026, 11, 2), 3),
        new LateArrivalRecorded(new("e5"), When, Actor, D(2026, 11, 2)),
        new LuxeverzuimRecorded(new("e6"), When, Actor, D(2026, 11, 2), D(2026, 11, 3)),
        new MentorContactRecorded(new("e7"), When, Actor, true, D(2026, 11, 4), ContactChannel.Mail, "moeder gesproken", D(2026, 11, 9), true),
        new GesprekRecorded(new("e8"), When, Actor, D(2026, 11, 10), GesprekOutcome.AdviesJeugdarts),
        new JeugdartsAanmeldingSent(new("e9"), When, Actor, D(2026, 11, 10), "hulpvraag", "al gedaan", D(2026, 11, 9)),
        new ConsultScheduled(new("e10"), When, Actor, D(2026, 11, 20)),
        new TerugkoppelingReceived(new("e11"), When, Actor, InvitationResult.TelefonischContactMetOuder, D(2026, 11, 19), ConsultConclusion.KanDeelsDeelnemen, true, "info", "afspraken", ["eenmalig contact"], FollowUpAdvice.NextZiekmeldingToJeugdarts, null),
        new PlanVanAanpakAgreed(new("e12"), When, Actor, D(2026, 11, 23), new StaffId("s2")),
        new PlanVanAanpakEvaluated(new("e13"), When, Actor, D(2026, 12, 21), false, false),
        new LadderActionCompleted(new("e14"), When, Actor, 9, "Melding", "DUO-123"),
        new SignaalverzuimReported(new("e15"), When, Actor, D(2026, 11, 24), "DUO-456"),
        new LeerplichtJudgementRecorded(new("e16"), When, Actor, true, null),
        new ThuiszitterChecklistItemCompleted(new("e17"), When, Actor, "MDO belegd"),
        new KernpartnerDecisionRecorded(new("e18"), When, Actor, "RBL", "overleg gewenst?", "ja", "complex"),
        new OverlegActionAgreed(new("e19"), When, Actor, "a1", "Plan opstellen", Role.Zorgcoordinator, D(2026, 12, 1)),
        new OverlegActionCompleted(new("e20"), When, Actor, "a1"),
        new VrijstellingStepRecorded(new("e21"), When, Actor, VrijstellingStep.SwvGeenPassendOnderwijs, null),
        new DoorzettingsmachtStarted(new("e22"), When, Actor, D(2026, 12, 1)),
        new DoorzettingsmachtResolved(new("e23"), When, Actor, D(2026, 12, 8)),
        new ReturnedToSchool(new("e24"), When, Actor, D(2027, 1, 4), false),
        new LeerplichtMeldingRecorded(new("e25"), When, Actor, LeerplichtMeldingReason.Luxeverzuim, "DUO-789"),
        new UnauthorisedAbsenceStarted(new("e26"), When, Actor, D(2026, 11, 2)),
        new UnauthorisedAbsenceEnded(new("e27"), When, Actor, D(2026, 11, 30)),
        new SchorsingRecorded(new("e28"), When, Actor, D(2026, 11, 2), D(2026, 11, 4), "vechtpartij"),
        new ExtraVerlofRequested(new("e29"), When, Actor, D(2027, 3, 1), D(2027, 3, 5), D(2027, 1, 11), "beroep ouder"),
        new ExtraVerlofDecided(new("e30"), When, Actor, new("e29"), false, "niet tijdig"),
        new AuthorisedAbsenceRecorded(new("e31"), When, Actor, D(2026, 11, 2), D(2026, 11, 2), AuthorisedAbsenceReason.Begrafenis, null, null),
        new FiveYearOldExtraHoursAgreed(new("e32"), When, Actor, D(2026, 11, 2)),
        new LeftWithoutStartkwalificatie(new("e33"), When, Actor, D(2026, 11, 2), "RBL"),
    ];

    [Theory]
    [MemberData(nameof(OneOfEach))]
    public void Serialize_ThenDeserialize_GivesAnEqualEvent(DossierEvent original)
    {
        var (type, json) = DossierEventSerializer.Serialize(original);
        var back = DossierEventSerializer.Deserialize(json);
        Assert.Equal(original.GetType(), back.GetType());
        Assert.Equal(DossierEventSerializer.Serialize(back), (type, json));
        Assert.DoesNotContain(original.GetType().Name, type);
    }

    [Fact]
    public void EveryEventType_IsCoveredByTheRoundTripTest()
    {
        var declared = typeof(DossierEvent).GetCustomAttributes<JsonDerivedTypeAttribute>().Select(a => a.DerivedType).ToHashSet();
        var tested = ((IEnumerable<object[]>)OneOfEach()).Select(row => row[0].GetType()).ToHashSet();
        Assert.Equal(declared.OrderBy(t => t.Name), tested.OrderBy(t => t.Name));
    }
}
