using System.Text.Json.Nodes;
using VerzuimBot.Cards;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Leerplicht;
using VerzuimBot.Domain.Profiles;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.Unauthorised;
using VerzuimBot.Protocol.Students;
using VerzuimBot.CardActions;

namespace VerzuimBot.UnauthorisedRoute;

/// <summary>
/// The hours ladder's cards (templates ongeoorloofd, urenladder, signaalverzuim in cards/): the form,
/// a rung as a checklist, the signaalverzuim melding and its deadline, and the warning before the line.
/// People's text is escaped by <see cref="RouteCards"/>.
/// </summary>
internal sealed class UnauthorisedCards(CardTemplateLibrary library, RouteCards cards)
{
    public RouteCards Route => cards;

    public JsonNodeCard Form(string schoolId, DateOnly today, string? problem, string? leerling, IReadOnlyList<StudentRecord> choices, string? soort, string? uren, DateOnly? datum, DateOnly? tot) =>
        JsonNodeCard.From(library.Render("ongeoorloofd", new JsonObject
        {
            ["heeftFout"] = problem is not null,
            ["foutmelding"] = problem ?? string.Empty,
            ["leerling"] = leerling is null ? string.Empty : leerling,
            ["keuzes"] = new JsonArray(choices.Select(c => (JsonNode)new JsonObject { ["titel"] = c.Label, ["waarde"] = c.Details.Leerlingnummer }).ToArray()),
            ["soort"] = soort ?? "uren",
            ["uren"] = uren ?? string.Empty,
            ["datum"] = DutchDates.IsoDate(datum ?? today),
            ["minDatum"] = DutchDates.IsoDate(today.AddDays(-UnauthorisedAbsenceService.MaxDaysBack)),
            ["vandaag"] = DutchDates.IsoDate(today),
            ["tot"] = tot is { } t ? DutchDates.IsoDate(t) : string.Empty,
            ["school"] = schoolId,
        }));

    /// <summary>A rung of the ladder as a checklist: what is done (who, when, reference) and what is still open.</summary>
    public JsonNodeCard Rung(string taskId, StudentRecord student, DossierView dossier, SchoolProtocol protocol, RungTask side, DateOnly today, bool reminder, string? problem = null, string? note = null)
    {
        var (rung, year) = (side.Rung, side.Year);
        var done = LadderRungs.Done(dossier, side);
        var totals = UnauthorisedTotals.Of(dossier, protocol, today);
        string intro, title, footnote;
        if (side.Leerplicht)
        {
            // 004, last column: what the leerplichtambtenaar does once the school's melding of this rung is in.
            var melding = LadderRungs.Melding(dossier, rung, year);
            title = $"Melding verzuimloket {side.Threshold}: {student.Label}";
            intro = $"De school meldde {student.Details.Roepnaam} bij de trede van {side.Threshold}"
                + (melding is null ? string.Empty : $" op {DutchDates.LongDate(SchoolClock.LocalDate(melding.RecordedAt))} (kenmerk {melding.DuoReference!})")
                + $". Het verzuimschema ({protocol.Profile.Name}) vraagt nu van de leerplichtambtenaar:";
            footnote = "Vastgelegd wordt wie het afvinkte, in welke rol, en wanneer. De school ziet dat de melding is opgepakt.";
        }
        else
        {
            var reached = LadderRungs.ReachedOn(dossier, protocol, side, today);
            title = $"Verzuimladder {side.Threshold}: {student.Label}";
            var count = side.Late ? $"{totals.LateInYear} keer te laat" : HoursOnTheLadder(dossier, protocol, totals, today);
            intro = $"{student.Details.Roepnaam} heeft dit schooljaar {count}: de trede van {side.Threshold} is bereikt"
                + (reached is { } on ? $" op {DutchDates.LongDate(on)}" : string.Empty)
                + (LegallyRequired(dossier, protocol, side, reached, today) ? $". Deze uren vallen binnen {protocol.Profile.Unauthorised.SignalWindowLesweken} lesweken: de melding is ook wettelijk verplicht (signaalverzuim, 002 §3)" : string.Empty)
                + $". Het verzuimschema van de school ({protocol.Profile.Name}) vraagt nu:";
            footnote = $"VerzuimBot meldt niet zelf bij DUO of leerplicht: meld {LadderRungs.Route(protocol.Profile)} en leg hier vast dat het gedaan is, met het referentienummer. Vastgelegd wordt wie het afvinkte en wanneer.";
        }

        if (reminder)
        {
            intro = $"Herinnering: nog niet alle acties van deze trede zijn afgevinkt. {intro}";
        }

        var open = side.Actions.Select((action, i) => (action, i)).Where(a => !done.ContainsKey(a.action)).ToList();
        return cards.Task("urenladder", new TaskReference(taskId, student.SchoolId, student.Id.Value), student,
            [new Fact("Leerling", student.Label), .. Facts(totals)],
            new JsonObject
            {
                ["titel"] = title,
                ["tekst"] = intro,
                ["gedaan"] = RouteCards.Facts(side.Actions.Where(done.ContainsKey).Select(a => new Fact(a, DoneBy(done[a])))),
                ["open"] = new JsonArray(open.Select(a => (JsonNode)new JsonObject
                {
                    ["id"] = $"actie-{a.i}",
                    ["actie"] = a.action, // an Input.Toggle title is plain text, not markdown: escaping would show the backslashes
                    ["kenmerk"] = LadderRungs.NeedsReference(a.action),
                    ["kenmerkId"] = $"kenmerk-{a.i}",
                }).ToArray()),
                ["heeftFout"] = problem is not null,
                ["foutmelding"] = problem ?? string.Empty,
                ["heeftNotitie"] = note is not null,
                ["notitie"] = note is null ? string.Empty : note,
                ["voetnoot"] = footnote,
            });
    }

    /// <summary>Every action of the side is done: the outcome that replaces the checklist.</summary>
    public JsonNodeCard RungDone(StudentRecord student, DossierView dossier, RungTask side, string title, string by, DateTimeOffset at)
    {
        var done = LadderRungs.Done(dossier, side);
        return cards.Done(title, [new Fact("Leerling", student.Label), .. side.Actions.Where(done.ContainsKey).Select(a => new Fact(a, DoneBy(done[a])))], by, at);
    }

    /// <summary>SignaalverzuimMelding and SignaalverzuimDeadline (002 §3, domain.md §4): report onverwijld, with the reference.</summary>
    public JsonNodeCard Signaal(DueTask task, StudentRecord student, DossierView dossier, SchoolProtocol protocol, DateOnly today)
    {
        var rules = protocol.Profile.Unauthorised;
        var totals = UnauthorisedTotals.Of(dossier, protocol, today);
        var day = LadderRungs.SignalDay(task) ?? today;
        var deadline = ProtocolEngine.SignaalverzuimDeadline(protocol.Calendar, day, rules.ReportWithinWorkingDays);
        var what = task.Detail?.Split(';')[0] ?? $"{rules.SignalHours} uur binnen {totals.Window}";
        var route = LadderRungs.Route(protocol.Profile);
        var overdue = task.Kind == TaskKind.SignaalverzuimDeadline;
        var text = overdue
            ? $"Het signaalverzuim van {DutchDates.LongDate(day)} ({what}) is nog niet als gemeld vastgelegd. De wet vraagt een melding onverwijld: uiterlijk {DutchDates.LongDate(deadline)} ({rules.ReportWithinWorkingDays} werkdagen na {DutchDates.LongDate(day)}, die dag niet meegeteld){(deadline == today ? "; dat is vandaag" : string.Empty)}. Meld {route}."
            : $"Signaalverzuim: {what} (bereikt op {DutchDates.LongDate(day)}). Dit is wettelijk verplicht te melden, onverwijld: uiterlijk {DutchDates.LongDate(deadline)} ({rules.ReportWithinWorkingDays} werkdagen na {DutchDates.LongDate(day)}, die dag niet meegeteld). Meld {route}.";
        return cards.Task("signaalverzuim", new TaskReference(task.Id.Value, student.SchoolId, student.Id.Value), student,
            [new Fact("Leerling", student.Label), new Fact("Leerplicht", LeerplichtTexts.Status(dossier.Facts, today)), .. Facts(totals)],
            new JsonObject
            {
                ["titel"] = $"{(overdue ? "Termijn signaalverzuim loopt af" : "Signaalverzuim melden")}: {student.Label}",
                ["kleur"] = overdue ? "Attention" : "Default",
                ["tekst"] = text,
                ["route"] = route,
            });
    }

    /// <summary>SignaalverzuimWarning (domain.md §4): before the line, so the school can still act.</summary>
    public JsonNodeCard Warning(DueTask task, StudentRecord student, DossierView dossier, SchoolProtocol protocol, DateOnly today)
    {
        var rules = protocol.Profile.Unauthorised;
        var totals = UnauthorisedTotals.Of(dossier, protocol, today);
        return cards.Notice("taak-melding", $"Bijna signaalverzuim: {student.Label}",
            $"{task.Detail}. Bij {rules.SignalHours} uur (of {rules.SignalLateCount} keer te laat) binnen {totals.Window} moet de school onverwijld melden {LadderRungs.Route(protocol.Profile)}. Er is nog tijd om met de leerling en de ouders in gesprek te gaan.",
            [new Fact("Leerling", student.Label), .. Facts(totals)],
            "Signaalverzuim: 002 §3 en het verzuimschema (004). Deze waarschuwing vraagt geen antwoord.");
    }

    /// <summary>
    /// What climbs the hours ladder this school year, so the number reaches the rung the card names: the hours, and where the
    /// profile counts late arrivals as hours (004 "uren ongeoorloofd verzuim en/of te laat komen", teLaat.keerPerUur) those too.
    /// </summary>
    private static string HoursOnTheLadder(DossierView dossier, SchoolProtocol protocol, UnauthorisedTotals totals, DateOnly today)
    {
        var rules = protocol.Profile.Unauthorised;
        if (rules.LateArrivals.PerHour is null || totals.LateInYear == 0)
        {
            return $"{totals.HoursInYear} uur ongeoorloofd verzuim";
        }

        var units = AwaySpells.LadderUnitsPerDay(dossier, protocol.Calendar, rules, SchoolYear.Of(today).First, today).Sum(d => d.Hours);
        return $"{totals.HoursInYear} uur ongeoorloofd verzuim en {totals.LateInYear} keer te laat, samen {units} uur op de verzuimladder";
    }

    /// <summary>
    /// 004 row ≥16: only 16 hours within 4 lesweken make the melding "wettelijk verplicht" (issue 20); 16 spread over the school
    /// year are the school's own schema. True while the window holds, or once that signaalverzuim was reported.
    /// </summary>
    private static bool LegallyRequired(DossierView dossier, SchoolProtocol protocol, RungTask side, DateOnly? reached, DateOnly today)
    {
        var rules = protocol.Profile.Unauthorised;
        return !side.Late && side.Rung.Hours >= rules.SignalHours
            && (dossier.UnauthorisedHoursInWindow(protocol.Calendar, rules, today) >= rules.SignalHours
                || (reached is { } on && dossier.Of<SignaalverzuimReported>().Any(r => r.ReportedOn >= on)));
    }

    private static string DoneBy(LadderActionCompleted c) =>
        $"{Staff.PeopleNames.Name(c.RecordedBy)}, {DutchDates.Moment(c.RecordedAt)}{(c.DuoReference is { } r ? $", kenmerk {r}" : string.Empty)}";

    /// <summary>The totals as the lines of a card's FactSet.</summary>
    private static IEnumerable<Fact> Facts(UnauthorisedTotals totals)
    {
        yield return new Fact("Dit schooljaar", totals.YearText);
        yield return new Fact($"Binnen {totals.Window}", totals.WindowText);
    }
}
