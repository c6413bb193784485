using System.Text.Json.Nodes;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.Students;
using VerzuimBot.CardActions;

namespace VerzuimBot.Tasks;

/// <summary>
/// The card for a due task, by kind (002 Bijlage 1 stap 1-6; the later routes get a plain notice
/// until their own cards exist). The card carries the task id, so its answer can be checked
/// against what is still open.
/// </summary>
internal sealed class TaskCards(RouteCards cards, IEnumerable<ITaskCardProvider> providers)
{
    public JsonNodeCard For(DueTask task, StudentRecord student, DossierView dossier, SchoolProtocol protocol, DateTimeOffset now)
    {
        var today = SchoolClock.LocalDate(now);
        var reference = new TaskReference(task.Id.Value, student.SchoolId, student.Id.Value);
        var facts = StudentFacts(student, dossier, protocol, today);
        if (providers.FirstOrDefault(p => p.Handles(task.Kind)) is { } provider)
        {
            return provider.For(task, student, dossier, protocol, now);
        }

        switch (task.Kind)
        {
            case TaskKind.MentorNotification when dossier.CurrentSickPeriod is { } period:
                var z = period.Ziekmelding;
                return cards.Notice("ziekmelding-mentor", "Ziekmelding van je mentorleerling", string.Empty,
                [
                    .. facts,
                    new Fact("Verwacht terug", z.ExpectedReturn is { } back ? DutchDates.LongDate(back) : "onbekend"),
                    new Fact("Ouder neemt zelf contact op", z.ParentWillContactMentor ? "ja" : "nee"),
                    new Fact("Gemeld door", Staff.PeopleNames.WithRole(z.RecordedBy)),
                ],
                $"Is {student.Details.Roepnaam} na {protocol.Profile.Sick.MentorReminderOnSchoolDay} schooldagen nog ziek, dan vraag ik je contact op te nemen met de ouders.");

            case TaskKind.MentorContactReminder:
                var asked = dossier.Of<MentorContactRecorded>().Count(m => !m.Reached && dossier.CurrentSickPeriod is { } p && m.RecordedAt >= p.Ziekmelding.RecordedAt);
                var reason = asked == 0
                    ? $"{student.Details.Roepnaam} is nu {SickDays(dossier, protocol, today)} schooldagen ziek. Neem in de eerste week contact op met de ouders en/of de leerling, per telefoon of mail."
                    : $"Gisteren lukte het niet om de ouders te bereiken ({asked}x niet bereikt). Probeer het vandaag opnieuw.";
                return cards.Task("mentorcontact", reference, student, facts, new JsonObject { ["aanleiding"] = reason, ["vandaag"] = DutchDates.IsoDate(today) });

            case TaskKind.ZorgwekkendVerzuim:
                return cards.Task("zorgwekkend-verzuim", reference, student, facts, new JsonObject
                {
                    ["aanleiding"] = task.Detail == ProtocolEngine.MentorConcerns
                        ? $"De mentor sprak de ouders van {student.Details.Roepnaam} en heeft zorgen{MentorNote(dossier)}. Het gesprek met de ouders (stap 3) hoeft dan niet te wachten tot het verzuim zorgwekkend is volgens het protocol ({protocol.Profile.Name})."
                        : $"Het verzuim van {student.Details.Roepnaam} is zorgwekkend volgens het protocol ({protocol.Profile.Name}): {WorryReason(protocol)}.",
                    ["vandaag"] = DutchDates.IsoDate(today),
                });

            case TaskKind.AanmeldingJeugdarts:
                return AanmeldingForm(reference, student, dossier, protocol, today, null, null, null, null, task.Detail);

            case TaskKind.MeldingLeerplicht or TaskKind.SchorsingMelding or TaskKind.RmcMelding:
                return LeerplichtMelding(task, reference, student, facts, protocol);

            case TaskKind.ConsultOverdue:
                return cards.Task("consult", reference, student, facts, new JsonObject
                {
                    ["titel"] = $"Nog geen consultdatum: {student.Label}",
                    ["tekst"] = $"De leerling is aangemeld bij de jeugdarts, maar na {protocol.Profile.Sick.ConsultWithinSchoolDays} schooldagen is er nog geen consultdatum vastgelegd. Leg die hier vast zodra hij bekend is.",
                    ["regels"] = new JsonArray(),
                    ["minDatum"] = DutchDates.IsoDate(today.AddDays(-30)),
                });

            case TaskKind.TerugkoppelingOverdue:
                var consult = dossier.Of<ConsultScheduled>().LastOrDefault();
                return cards.Task("terugkoppeling", reference, student, facts, new JsonObject
                {
                    ["tekst"] = $"Het consult was op {(consult is null ? "?" : DutchDates.LongDate(consult.ConsultDate))}. De school wacht op je terugkoppeling. De school ziet alleen wat je hier deelt.",
                });

            case TaskKind.PlanEvaluation when dossier.Of<PlanVanAanpakAgreed>().LastOrDefault() is { } plan:
                return cards.Task("evaluatie", reference, student,
                [
                    new Fact("Leerling", student.Label),
                    new Fact("Plan van aanpak sinds", DutchDates.LongDate(plan.Date)),
                    new Fact("Regiepersoon", plan.Regiepersoon.Value),
                ],
                new JsonObject());

            case TaskKind.MentorNoAnswerEscalation:
                return cards.Notice("taak-melding", $"Geen mentorcontact gemeld: {student.Label}",
                    $"De mentor heeft in de eerste week ({protocol.Profile.Sick.MentorAnswerWithinSchoolDays} schooldagen) geen contact met de ouders gemeld. Neem het over of spreek de mentor aan.",
                    facts, "Stap 2 van het ziekteverzuimprotocol (002, Bijlage 1).");

            default:
                return cards.Notice("taak-melding", $"{TaskTitles.Of(task.Kind)}: {student.Label}", task.Detail ?? string.Empty, facts, "Handel dit af in het leerlingvolgsysteem; de kaart hiervoor volgt in een volgende versie.");
        }
    }

    /// <summary>
    /// A melding the school makes and records here: at leerplicht (002 Bijlage 1 stap 3, luxeverzuim 002 §3, a schorsing
    /// 002 §1.3.1), or, for a student past leerplicht and kwalificatieplicht, at the RMC contact (002 §1.2, issue 20).
    /// </summary>
    private JsonNodeCard LeerplichtMelding(DueTask task, TaskReference reference, StudentRecord student, List<Fact> facts, SchoolProtocol protocol)
    {
        var rmc = task.Kind == TaskKind.RmcMelding;
        var text = task.Kind switch
        {
            TaskKind.SchorsingMelding => "Deze leerling is geschorst. Een schorsing is geen verzuim, \"maar ook hiervan moet Leerplicht op de hoogte worden gebracht\" (002 §1.3.1).",
            TaskKind.RmcMelding => $"De leerling is niet meer leerplichtig of kwalificatieplichtig (18 jaar of ouder, of met een startkwalificatie), dus niet leerplicht maar het RMC-contact krijgt deze melding ({(task.Anchor.StartsWith(nameof(TaskKind.LeerplichtJudgement), StringComparison.Ordinal) ? "4 weken afwezig zonder geldige reden" : task.Detail?.Split(';')[0] ?? "verzuim")}).",
            _ => task.Detail switch
            {
                "advies jeugdarts" => "De jeugdarts adviseerde: bij de eerstvolgende ziekmelding melden bij leerplicht. Die ziekmelding is er nu.",
                "ongeoorloofd na gesprek" => "Het gesprek met de ouders wees uit dat het verzuim ongeoorloofd is: schakel leerplicht in.",
                "luxeverzuim" => "Luxeverzuim (extra vakantie zonder verlof) moet gemeld worden bij leerplicht.",
                _ => "Meld deze leerling bij leerplicht.",
            },
        };
        return cards.Task("melding-leerplicht", reference, student, facts, new JsonObject
        {
            ["titel"] = rmc ? "Melden bij het RMC" : "Melden bij leerplicht",
            ["tekst"] = text,
            ["leerplicht"] = rmc
                ? protocol.Profile.Contacts.GetValueOrDefault("rmc") ?? protocol.Profile.Contacts.GetValueOrDefault("leerplicht") ?? "het RMC van de regio"
                : protocol.Profile.Contacts.GetValueOrDefault("leerplicht") ?? "het regionaal bureau leerplicht",
        });
    }

    public JsonNodeCard AanmeldingForm(TaskReference reference, StudentRecord student, DossierView dossier, SchoolProtocol protocol, DateOnly today, string? problem, string? hulpvraag, string? alGedaan, string? besprokenOp, string? detail = null) =>
        cards.Task("aanmelding-jeugdarts", reference, student,
        [
            new Fact("Geboortedatum", student.Details.Geboortedatum is { } born ? DutchDates.ShortDate(born) : "onbekend"),
            new Fact("Klas", student.Details.Klas),
            new Fact("Leerlingnummer", student.Details.Leerlingnummer),
            .. detail is "advies jeugdarts" ? [new Fact("Aanleiding", "advies jeugdarts: bij eerstvolgende ziekmelding opnieuw aanmelden")] : Array.Empty<Fact>(),
        ],
        new JsonObject
        {
            ["heeftFout"] = problem is not null,
            ["foutmelding"] = problem ?? string.Empty,
            ["verzuim"] = RouteCards.Facts(Verzuimoverzicht(dossier, protocol, today)),
            ["hulpvraag"] = hulpvraag ?? string.Empty,
            ["alGedaan"] = alGedaan ?? string.Empty,
            ["besprokenOp"] = besprokenOp ?? string.Empty,
            ["vandaag"] = DutchDates.IsoDate(today),
        });

    /// <summary>Stap 4: the verzuimoverzicht of the aanmeldingsformulier, filled in from the stored periods (this school year).</summary>
    public static IEnumerable<Fact> Verzuimoverzicht(DossierView dossier, SchoolProtocol protocol, DateOnly today)
    {
        var year = SchoolYear.Of(today);
        var periods = dossier.SickPeriods.Where(p => p.BackOn is null || p.BackOn >= year.First).ToList();
        if (periods.Count == 0)
        {
            yield return new Fact("Dit schooljaar", "geen ziekmeldingen");
            yield break;
        }

        foreach (var p in periods)
        {
            var last = p.BackOn is { } back ? back.AddDays(-1) : today;
            var days = last < p.FirstDay ? 0 : protocol.Calendar.CountSchoolDays(p.FirstDay, last);
            var count = days == 1 ? "1 schooldag" : $"{days} schooldagen";
            yield return new Fact(DutchDates.ShortDate(p.FirstDay), p.BackOn is { } b ? $"ziek tot {DutchDates.ShortDate(b)} ({count})" : $"ziek, nog niet beter gemeld ({count})");
        }

        yield return new Fact("Totaal", periods.Count == 1 ? "1 ziekmelding dit schooljaar" : $"{periods.Count} ziekmeldingen dit schooljaar");
    }

    public static List<Fact> StudentFacts(StudentRecord student, DossierView dossier, SchoolProtocol protocol, DateOnly today)
    {
        var facts = new List<Fact> { new("Leerling", student.Label) };
        if (dossier.CurrentSickPeriod is { } period)
        {
            facts.Add(new Fact("Ziek sinds", DutchDates.LongDate(period.FirstDay)));
            facts.Add(new Fact("Schooldagen ziek", SickDays(dossier, protocol, today).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return facts;
    }

    private static int SickDays(DossierView dossier, SchoolProtocol protocol, DateOnly today) => dossier.ConsecutiveSickSchoolDays(protocol.Calendar, today);

    /// <summary>The note of the mentor's contact with zorgen, as ": "…"" (school staff only see this card); empty without one.</summary>
    private static string MentorNote(DossierView dossier) =>
        dossier.Of<MentorContactRecorded>().LastOrDefault(m => m.Reached && m.Concerns)?.Note is { Length: > 0 } note ? $": \"{note}\"" : string.Empty;

    private static string WorryReason(SchoolProtocol protocol)
    {
        var sick = protocol.Profile.Sick;
        var reason = $"meer dan {sick.WorryingConsecutiveMoreThan} schooldagen aaneengesloten ziek, of {sick.WorryingIncidentalDays} of meer ziektedagen binnen {sick.WorryingIncidentalWindowSchoolDays} schooldagen";
        return sick.WorryingZiekmeldingCount is { } count ? $"{reason}, of de {count}e ziekmelding binnen {sick.WorryingZiekmeldingWindowSchoolDays} schooldagen" : reason;
    }
}
