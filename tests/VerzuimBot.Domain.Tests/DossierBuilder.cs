using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Domain.Tests;

/// <summary>Builds a dossier event by event with readable dates; each event is recorded at 08:00 school time on its day unless told otherwise.</summary>
public sealed class DossierBuilder
{
    private static readonly Actor Receptie = new(new StaffId("staff-receptie"), Role.Receptie);
    private static readonly Actor Mentor = new(new StaffId("staff-mentor"), Role.Mentor);
    private static readonly Actor Zorg = new(new StaffId("staff-zorg"), Role.Zorgcoordinator);
    private static readonly Actor Jeugdarts = new(new StaffId("staff-jeugdarts"), Role.Jeugdarts);
    private static readonly Actor Swv = new(new StaffId("staff-swv"), Role.Swv);
    private readonly List<DossierEvent> _events = [];
    private int _sequence;

    public static StudentId Student { get; } = new("stu-1");

    public List<DossierEvent> Events => _events;

    public static DateTimeOffset At(DateOnly date, int hour = 8, int minute = 0) => SchoolClock.At(date, new TimeOnly(hour, minute));

    public static DateOnly D(int year, int month, int day) => new(year, month, day);

    public DossierView View => DossierView.From(Student, _events);

    public ZiekmeldingRecorded Ziek(DateOnly firstDay, DateTimeOffset? recordedAt = null, FollowUpAdvice? unused = null) =>
        Add(new ZiekmeldingRecorded(NextId(), recordedAt ?? At(firstDay), Receptie, firstDay, null, true));

    public DossierBuilder Beter(DateOnly backOn, DateTimeOffset? recordedAt = null)
    {
        Add(new BeterMeldingRecorded(NextId(), recordedAt ?? At(backOn, 7), Receptie, backOn));
        return this;
    }

    public DossierBuilder SickPeriod(DateOnly first, DateOnly backOn) { Ziek(first); return Beter(backOn); }

    public DossierBuilder Hours(DateOnly date, int hours) { Add(new UnauthorisedHoursRecorded(NextId(), At(date, 10), Receptie, date, hours)); return this; }

    /// <summary>"Ongeoorloofd afwezig vanaf": recorded at 09:00 on the first day unless told otherwise.</summary>
    public UnauthorisedAbsenceStarted Afwezig(DateOnly firstDay, DateTimeOffset? recordedAt = null) =>
        Add(new UnauthorisedAbsenceStarted(NextId(), recordedAt ?? At(firstDay, 9), Receptie, firstDay));

    public DossierBuilder WeerAanwezig(DateOnly backOn, DateTimeOffset? recordedAt = null)
    {
        Add(new UnauthorisedAbsenceEnded(NextId(), recordedAt ?? At(backOn, 8, 30), Receptie, backOn));
        return this;
    }

    public DossierBuilder Late(DateOnly date) { Add(new LateArrivalRecorded(NextId(), At(date, 9), Receptie, date)); return this; }

    public DossierBuilder MentorAnswer(DateOnly on, bool reached) =>
        Do(new MentorContactRecorded(NextId(), At(on, 12), Mentor, reached, reached ? on : null, reached ? ContactChannel.Telefoon : null, null, null, false));

    public DossierBuilder Gesprek(DateOnly on, GesprekOutcome outcome) => Do(new GesprekRecorded(NextId(), At(on, 14), Zorg, on, outcome));

    public DossierBuilder Aanmelding(DateOnly on) => Do(new JeugdartsAanmeldingSent(NextId(), At(on, 15), Zorg, on, "Langdurig ziek", "Gesprek met ouders", on));

    public DossierBuilder Consult(DateOnly recordedOn, DateOnly consultDate) => Do(new ConsultScheduled(NextId(), At(recordedOn, 11), Jeugdarts, consultDate));

    public DossierBuilder Terugkoppeling(DateOnly on, FollowUpAdvice advice) =>
        Do(new TerugkoppelingReceived(NextId(), At(on, 16), Jeugdarts, InvitationResult.OuderEnLeerlingVerschenen, null, ConsultConclusion.KanDeelsDeelnemen, false, null, null, [], advice, null));

    public DossierBuilder Plan(DateOnly on) => Do(new PlanVanAanpakAgreed(NextId(), At(on, 13), Zorg, on, new StaffId("staff-zorg")));

    public DossierBuilder Doorzettingsmacht(DateOnly on) => Do(new DoorzettingsmachtStarted(NextId(), At(on, 10), Swv, on));

    public DossierBuilder Do(DossierEvent e) { Add(e); return this; }

    public EventId NextId() => new($"ev-{++_sequence:D3}");

    private T Add<T>(T e) where T : DossierEvent { _events.Add(e); return e; }
}
