using System.Globalization;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Digest;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Tasks;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Protocol.Texts;
using VerzuimBot.CardActions;

namespace VerzuimBot.ThuiszitterRoute;

/// <summary>
/// The cards of the thuiszitter route's tasks: leerplicht's judgement after four weeks (004 Werkwijzer), the
/// checklist follow-up for each side, the vrijstelling 5a steps (002 §7, 000) and the doorzettingsmacht deadline
/// (002 Bijlage 2). Each card carries its task id, so its answer is checked against what is still open.
/// </summary>
internal sealed class ThuiszitterTaskCards(ThuiszitterCards cards) : ITaskCardProvider
{
    private static readonly HashSet<TaskKind> Kinds =
    [
        TaskKind.LeerplichtJudgement, TaskKind.ThuiszitterChecklist, TaskKind.VrijstellingOnderzoek, TaskKind.VrijstellingSwv, TaskKind.VrijstellingAdvies,
        TaskKind.VrijstellingBeschikking, TaskKind.DoorzettingsmachtReminder, TaskKind.DoorzettingsmachtOverdue,
    ];

    public bool Handles(TaskKind kind) => Kinds.Contains(kind);

    public JsonNodeCard For(DueTask task, StudentRecord student, DossierView dossier, SchoolProtocol protocol, DateTimeOffset now) => task.Kind switch
    {
        TaskKind.ThuiszitterChecklist => cards.Case(student, dossier, protocol, now, new HashSet<Role> { task.Assignee },
            $"Checklist thuiszitter bijwerken: {task.Detail} sinds de laatste stap, twee schoolweken geleden. Vink af wat gedaan is."),
        _ => cards.Decision(Decision(task, student, dossier, protocol, now), task.Id.Value, student),
    };

    public static DecisionCard Decision(DueTask task, StudentRecord student, DossierView dossier, SchoolProtocol protocol, DateTimeOffset now) => task.Kind switch
    {
        TaskKind.LeerplichtJudgement => Judgement(student, dossier, protocol, now, null),
        TaskKind.VrijstellingOnderzoek => VrijstellingOnderzoek(student, dossier),
        TaskKind.VrijstellingSwv => VrijstellingSwv(student, dossier, null),
        TaskKind.VrijstellingAdvies => VrijstellingAdvies(student, dossier, null),
        TaskKind.VrijstellingBeschikking => VrijstellingBeschikking(student, dossier, null),
        TaskKind.DoorzettingsmachtReminder or TaskKind.DoorzettingsmachtOverdue => DoorzettingsmachtDeadline(task, student, dossier, protocol, now, null),
        _ => throw new ArgumentOutOfRangeException(nameof(task), task.Kind, "Not a thuiszitter task."),
    };

    /// <summary>004 Werkwijzer: "thuiszitter volgens de definitie?" (ja / nee met reden).</summary>
    public static DecisionCard Judgement(StudentRecord student, DossierView dossier, SchoolProtocol protocol, DateTimeOffset now, string? problem)
    {
        var today = SchoolClock.LocalDate(now);
        var rules = protocol.Profile.Thuiszitter;
        var facts = new List<Fact> { new("Leerling", student.Label), new("Woongemeente", student.Details.Woongemeente), new("School", student.SchoolId), new("Leerplicht", Domain.Leerplicht.LeerplichtTexts.Status(dossier.Facts, today)) };
        if (AwaySpells.Current(dossier, protocol.Calendar, protocol.Profile.Unauthorised, today) is { } spell)
        {
            facts.Add(new Fact("Afwezig sinds", DutchDates.LongDate(spell.FirstDay)));
            facts.Add(new Fact("Schooldagen afwezig", spell.SchoolDaysAway(protocol.Calendar, today).ToString(CultureInfo.InvariantCulture)));
            facts.Add(new Fact("Reden", spell.Reason));
        }

        if (dossier.ThuiszitterStatus(protocol.Calendar, protocol.Profile, today) is { } status)
        {
            facts.Add(new Fact("Type en code", $"type {status.Type} ({DigestTexts.Type(status.Type)}), {DigestTexts.CodeLabel(status.Code)}"));
        }

        return new DecisionCard(
            $"Thuiszitter volgens de definitie? {student.Label}",
            $"Deze leerling is {rules.LeerplichtAfterSchoolDays / 5} weken aaneengesloten afwezig (ook ziekte telt mee). Beoordeel samen met de school of dit een thuiszitter is volgens de definitie: "
            + "een leerplichtige leerling die ingeschreven staat en zonder geldige reden meer dan 4 weken verzuimt, zonder ontheffing of vrijstelling. "
            + "Bij ja opent VerzuimBot de thuiszitterscasus met de checklist voor de school en voor leerplicht.",
            facts,
            [new CardButton("Ja, thuiszitter", "thuiszitter.oordeel", "ja", "positive"), new CardButton("Nee", "thuiszitter.oordeel", "nee")],
            "004, Werkwijzer voor de school punt 2 en Werkwijzer voor de leerplichtambtenaar punt 3.",
            ReasonLabel: "Reden (verplicht bij nee)",
            Problem: problem);
    }

    /// <summary>002 §7: leerplicht records the aanvraag; the jeugdarts is engaged.</summary>
    public static DecisionCard VrijstellingAanvraag(StudentRecord student, string? problem) => new(
        $"Vrijstelling 5a aangevraagd: {student.Label}",
        "Ouders vroegen bij leerplicht vrijstelling aan op grond van artikel 5a (lichamelijke of psychische ongeschiktheid). Leg de aanvraag vast: "
        + "de jeugdarts (GGD) krijgt dan het verzoek om onderzoek en legt de aanvraag voor aan het samenwerkingsverband, voordat er een advies komt.",
        [new Fact("Leerling", student.Label), new Fact("Woongemeente", student.Details.Woongemeente)],
        [new CardButton("Aanvraag vastleggen, jeugdarts inschakelen", "vrijstelling.aanvraag", "aanvraag", "positive")],
        "002 §7 (procedure vrijstellingsaanvragen) en 000 (betrokkenheid van het SWV bij de toetsing van een aanvraag tot vrijstelling).",
        ReasonLabel: "Toelichting voor de jeugdarts (optioneel)",
        Problem: problem);

    private static DecisionCard VrijstellingOnderzoek(StudentRecord student, DossierView dossier)
    {
        var aanvraag = VrijstellingProcedure.Current(dossier)?.Aanvraag;
        return new DecisionCard(
            $"Vrijstelling 5a: onderzoek voor {student.Label}",
            "Leerplicht vraagt je een aanvraag tot vrijstelling (artikel 5a) te onderzoeken: (a) kan de leerling regulier of speciaal onderwijs volgen, en (b) heeft het samenwerkingsverband een passende plek? "
            + "Geef niet zonder meer een vrijstelling: leg de aanvraag voor aan het SWV. Met de knop gaat de vraag naar het SWV.",
            [new Fact("Leerling", student.Label), new Fact("School", student.SchoolId), .. Step("Aanvraag", aanvraag)],
            [new CardButton("Voorleggen aan het SWV", "vrijstelling.onderzoek", "onderzoek", "positive")],
            "002 §7 en 000, stap 1 en 2.",
            ReasonLabel: "Vraag of toelichting voor het SWV (optioneel)");
    }

    public static DecisionCard VrijstellingSwv(StudentRecord student, DossierView dossier, string? problem)
    {
        var onderzoek = VrijstellingProcedure.Current(dossier)?.Steps.LastOrDefault(s => s.Step == VrijstellingStep.OnderzoekJeugdarts);
        return new DecisionCard(
            $"Vrijstelling 5a: is passend onderwijs mogelijk voor {student.Label}?",
            "De jeugdarts legt een aanvraag tot vrijstelling (artikel 5a) aan het samenwerkingsverband voor. Is er op basis van de onderwijsbehoeften een vorm van passend onderwijs mogelijk, eventueel samen met zorg? "
            + "Dan neemt de jeugdarts dat mee in het advies en wordt er geen vrijstelling verleend. Is ook volgens het SWV geen passend onderwijs mogelijk, dan wordt er een vrijstelling verleend.",
            [new Fact("Leerling", student.Label), new Fact("School", student.SchoolId), .. Step("Jeugdarts", onderzoek)],
            [new CardButton("Passend onderwijs mogelijk", "vrijstelling.swv", "mogelijk", "positive"), new CardButton("Geen passend onderwijs mogelijk", "vrijstelling.swv", "niet-mogelijk")],
            "002 §7 en Bijlage 2, 000 stap 3 en 4. Het SWV telt vrijstellingen mee voor het doel van hoogstens 5 (002 §8.1).",
            ReasonLabel: "Toelichting (verplicht): welk aanbod, of waarom niet",
            Problem: problem);
    }

    public static DecisionCard VrijstellingAdvies(StudentRecord student, DossierView dossier, string? problem)
    {
        var swv = VrijstellingProcedure.Current(dossier)?.SwvAnswer;
        var consequence = swv?.Step == VrijstellingStep.SwvPassendOnderwijsMogelijk
            ? "Het SWV ziet een mogelijkheid voor passend onderwijs: neem dat na overleg met het lokale team mee in je advies; er wordt dan geen vrijstelling verleend."
            : "Ook volgens het SWV is geen vorm van passend onderwijs mogelijk: neem dat mee in je advies; er wordt dan een vrijstelling verleend.";
        return new DecisionCard(
            $"Vrijstelling 5a: advies aan leerplicht voor {student.Label}",
            consequence + " Leerplicht volgt het advies doorgaans op.",
            [new Fact("Leerling", student.Label), .. Step("Antwoord SWV", swv)],
            [new CardButton("Advies versturen aan leerplicht", "vrijstelling.advies", "advies", "positive")],
            "002 §7 (\"Jeugdarts geeft een advies aan Leerplicht\") en 000 stap 3 en 4. Deel alleen wat leerplicht mag weten.",
            ReasonLabel: "Toelichting voor leerplicht (optioneel)",
            ChoiceLabel: "Advies",
            Choices: [("Geen vrijstelling", "geen"), ("Vrijstelling voor bepaalde tijd", "bepaald"), ("Vrijstelling voor onbepaalde tijd", "onbepaald")],
            Problem: problem);
    }

    public static DecisionCard VrijstellingBeschikking(StudentRecord student, DossierView dossier, string? problem)
    {
        var advice = VrijstellingProcedure.Current(dossier)?.Advice;
        return new DecisionCard(
            $"Vrijstelling 5a: besluit over {student.Label}",
            $"Advies van de jeugdarts: {(advice is null ? "onbekend" : ThuiszitterTexts.Advice(advice))}. Het advies wordt doorgaans opgevolgd. Leg het besluit vast; wijk je af van het advies, geef dan de reden.",
            [new Fact("Leerling", student.Label), .. Step("Advies", advice)],
            [
                new CardButton("Vrijstelling bepaalde tijd", "vrijstelling.beschikking", "bepaald", "positive"),
                new CardButton("Vrijstelling onbepaalde tijd", "vrijstelling.beschikking", "onbepaald"),
                new CardButton("Geen vrijstelling", "vrijstelling.beschikking", "geen"),
            ],
            "002 §7. Een verleende vrijstelling telt mee voor het doel van het SWV: hoogstens 5 (002 §8.1).",
            ReasonLabel: "Reden (verplicht als je afwijkt van het advies)",
            Problem: problem);
    }

    /// <summary>002 Bijlage 2: the SWV director escalates when no passend aanbod is found.</summary>
    public static DecisionCard DoorzettingsmachtStart(StudentRecord student, SchoolProtocol protocol, string? problem) => new(
        $"Doorzettingsmacht: {student.Label}",
        "Kind, ouders, school en kernpartners vinden samen geen passende plek met een passend aanbod. Als directie van het SWV leg je het dossier voor aan de voorzitter van het bestuur van het SWV "
        + "(passende onderwijssetting) of geef je een signaal aan de verantwoordelijk wethouder (passend zorgaanbod). "
        + $"De opdracht is om binnen {protocol.Profile.Thuiszitter.DoorzettingsmachtWorkingDays} werkdagen toegang te geven; VerzuimBot bewaakt die termijn en herinnert je.",
        [new Fact("Leerling", student.Label), new Fact("School", student.SchoolId)],
        [new CardButton("Doorzettingsmacht starten", "doorzettingsmacht.starten", "starten", "positive")],
        "002 Bijlage 2. Alleen als de directeur de plaatsingsrichtlijn van het SWV heeft getoetst en de schoolbesturen hun zorgplicht hebben uitgevoerd.",
        ReasonLabel: "Waarom is er geen passend aanbod? (verplicht)",
        ChoiceLabel: "Voorleggen aan",
        Choices:
        [
            ("De voorzitter van het bestuur van het SWV (passende onderwijssetting)", "bestuur"),
            ("De verantwoordelijk wethouder (passend zorgaanbod)", "wethouder"),
            ("Beiden: oplossingsgericht gesprek (onderwijszorgarrangement)", "beide"),
        ],
        Problem: problem);

    /// <summary>The reminder before, and the notice after, the 10 werkdagen; the SWV closes it when access was given.</summary>
    public static DecisionCard DoorzettingsmachtDeadline(DueTask? task, StudentRecord student, DossierView dossier, SchoolProtocol protocol, DateTimeOffset now, string? problem)
    {
        var started = ThuiszitterCards.Doorzettingsmacht(dossier);
        var days = protocol.Profile.Thuiszitter.DoorzettingsmachtWorkingDays;
        var deadline = started is null ? (DateOnly?)null : protocol.Calendar.AddWorkingDays(started.Date, days);
        var overdue = task?.Kind == TaskKind.DoorzettingsmachtOverdue || (deadline is { } d && d < SchoolClock.LocalDate(now));
        var facts = new List<Fact> { new("Leerling", student.Label) };
        if (started is not null)
        {
            facts.Add(new Fact("Gestart op", DutchDates.LongDate(started.Date)));
            facts.Add(new Fact("Voorgelegd aan", started.EscalatedTo is { } to ? ThuiszitterTexts.To(to) : "niet vastgelegd"));
            facts.Add(new Fact("Toegang uiterlijk", $"{DutchDates.LongDate(deadline!.Value)} ({days} werkdagen)"));
        }

        return new DecisionCard(
            overdue ? $"Doorzettingsmacht: termijn verlopen voor {student.Label}" : $"Doorzettingsmacht: termijn loopt af voor {student.Label}",
            overdue
                ? $"De {days} werkdagen zijn voorbij en er is nog geen toegang tot een passende onderwijssetting of passende zorg vastgelegd. Spreek de bestuursvoorzitter of wethouder aan, en leg hier vast zodra de toegang geregeld is."
                : "De termijn van de doorzettingsmacht loopt bijna af. Leg hier vast zodra de toegang tot een passende onderwijssetting of passende zorg geregeld is.",
            facts,
            [new CardButton("Toegang geregeld: afronden", "doorzettingsmacht.afgerond", "afgerond", "positive")],
            "002 Bijlage 2: \"De opdracht is om binnen 10 werkdagen ... toegang ... te bieden.\"",
            ReasonLabel: "Hoe is het opgelost? (verplicht)",
            Problem: problem);
    }

    private static IEnumerable<Fact> Step(string title, VrijstellingStepRecorded? step) =>
        step is null
            ? []
            : [new Fact(title, $"{ThuiszitterTexts.Step(step)} · {ThuiszitterTexts.Who(step, step.Organisation)} · {DutchDates.Moment(step.RecordedAt)}{(step.Reason is { } r ? " · " + r : string.Empty)}")];
}
