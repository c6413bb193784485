using System.Globalization;
using VerzuimBot.Domain.Profiles;
using VerzuimBot.Domain.Rules;

namespace VerzuimBot.Domain.Digest;

/// <summary>The Dutch words of the digest, shared by the card and the CSV export so both say the same.</summary>
public static class DigestTexts
{
    public static string Band(DurationBand band) => band switch
    {
        DurationBand.Tot4Weken => "tot 4 weken",
        DurationBand.Tot3Maanden => "4 weken tot 3 maanden",
        _ => "langer dan 3 maanden",
    };

    /// <summary>The colour word; "geen" for the types without a code (002 §2.2 gives codes to types 4-6 only).</summary>
    public static string Code(ThuiszitterCode? code) => code switch
    {
        ThuiszitterCode.Geel => "geel",
        ThuiszitterCode.Oranje => "oranje",
        ThuiszitterCode.Rood => "rood",
        _ => "geen",
    };

    /// <summary>"code oranje", or "geen kleurcode" for a type the seed gives no code (002 §2.2: only 4-6 have one).</summary>
    public static string CodeLabel(ThuiszitterCode? code) => code is null ? "geen kleurcode" : $"code {Code(code)}";

    /// <summary>002 §2.2, the SWV's typology.</summary>
    public static string Type(int type) => type switch
    {
        1 => "vrijstelling bepaalde tijd",
        2 => "vrijstelling onbepaalde tijd",
        3 => "ongeoorloofd verzuim langere periode",
        4 => "geoorloofd tot 4 weken",
        5 => "geoorloofd 4 weken tot 3 maanden",
        6 => "geoorloofd 3 maanden tot 1 jaar",
        7 => "na de middelbare school (VSV)",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Types are 1 to 7."),
    };

    public static string Overdue(OverdueStep step) => step switch
    {
        OverdueStep.MentorNietBereikt => "Mentor heeft ouders/leerling niet bereikt",
        OverdueStep.GesprekZorgwekkendVerzuim => "Gesprek zorgwekkend verzuim niet gevoerd",
        OverdueStep.AanmeldingJeugdarts => "Aanmelding jeugdarts niet verstuurd",
        OverdueStep.JeugdartsNietBinnen2Weken => "Jeugdarts niet binnen 2 schoolweken uitgenodigd",
        OverdueStep.GeenTerugkoppeling => "Geen terugkoppeling jeugdarts",
        OverdueStep.PlanNietGeevalueerd => "Plan van aanpak niet geëvalueerd",
        OverdueStep.MeldingLeerplicht => "Melding leerplicht niet gedaan",
        OverdueStep.Ladder => "Urenladder: acties niet afgevinkt",
        OverdueStep.Signaalverzuim => "Signaalverzuim niet gemeld",
        OverdueStep.OordeelLeerplicht => "Oordeel leerplicht na 4 weken ontbreekt",
        OverdueStep.ChecklistThuiszitter => "Checklist thuiszitter staat stil",
        OverdueStep.OverlegActieTeLaat => "Actie uit overleg te laat",
        _ => "Doorzettingsmacht: termijn verlopen",
    };

    /// <summary>What a task asks, as the next step of a case.</summary>
    public static string Step(TaskKind kind) => kind switch
    {
        TaskKind.MentorContactReminder => "Mentor: contact met ouders/leerling",
        TaskKind.MentorNoAnswerEscalation => "Zorgcoördinator: mentor heeft geen contact gehad",
        TaskKind.ZorgwekkendVerzuim => "Gesprek zorgwekkend verzuim",
        TaskKind.AanmeldingJeugdarts => "Aanmelding jeugdarts",
        TaskKind.MeldingLeerplicht => "Melding leerplicht",
        TaskKind.ConsultOverdue => "Jeugdarts: consult plannen",
        TaskKind.TerugkoppelingOverdue => "Jeugdarts: terugkoppeling",
        TaskKind.PlanEvaluation => "Evaluatie plan van aanpak",
        TaskKind.LadderRung => "Urenladder: acties afvinken",
        TaskKind.LeerplichtInterventie => "Leerplicht: interventie na de melding",
        TaskKind.SignaalverzuimWarning => "Signaalverzuim dreigt",
        TaskKind.SignaalverzuimMelding or TaskKind.SignaalverzuimDeadline => "Signaalverzuim melden",
        TaskKind.LeerplichtJudgement => "Leerplicht: thuiszitter volgens de definitie?",
        TaskKind.ThuiszitterChecklist => "Checklist thuiszitter",
        TaskKind.OverlegActionDue or TaskKind.OverlegActionLate => "Actie uit overleg",
        TaskKind.DoorzettingsmachtReminder or TaskKind.DoorzettingsmachtOverdue => "Doorzettingsmacht: toegang binnen 10 werkdagen",
        TaskKind.VrijstellingOnderzoek => "Vrijstelling 5a: onderzoek jeugdarts",
        TaskKind.VrijstellingSwv => "Vrijstelling 5a: SWV over passend onderwijs",
        TaskKind.VrijstellingAdvies => "Vrijstelling 5a: advies jeugdarts aan leerplicht",
        TaskKind.VrijstellingBeschikking => "Vrijstelling 5a: besluit leerplicht",
        TaskKind.VrijstellingVerlenging => "Vrijstelling vervalt: nieuwe aanvraag?",
        TaskKind.Stap6FollowUp => "Vervolg kiezen (stap 6)",
        TaskKind.RmcMelding => "Melding RMC",
        TaskKind.SchorsingMelding => "Schorsing melden bij leerplicht",
        TaskKind.SchorsingGemeld => "Leerplicht: schorsing gemeld",
        TaskKind.ExtraVerlofBesluit => "Besluit over extra verlof",
        TaskKind.GeweigerdVerlofControle => "Geweigerd verlof toch genomen?",
        _ => "Mentor informeren",
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public const string NoOpenStep = "Geen open stap";

    /// <summary>The definitions the figures use, written above the export and behind the card's details.</summary>
    public static IReadOnlyList<string> Definitions(SwvDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var periods = digest.Periods;
        var previous = periods.PreviousFrom is { } from ? Invariant($"{from:dd-MM-yyyy} t/m {periods.PreviousUntil:dd-MM-yyyy}") : "geen";
        return
        [
            "Afwezig: leerling met een lopende ziekteperiode op de peildatum; telt in schooldagen (vakanties, weekenden en studiedagen tellen niet; domain.md §2).",
            "Tot 4 weken: 1 t/m 20 schooldagen; 4 weken tot 3 maanden: 21 t/m 60; langer dan 3 maanden: meer dan 60 (grenzen uit het protocolprofiel, codes geel/oranje/rood, 002 §2.2).",
            "Type 1-7 en code: typering thuiszitters van het SWV (002 §2.2) van de afwezige leerlingen; type 7 (na de middelbare school, VSV) als de school of leerplicht vastlegde dat de leerling zonder startkwalificatie vertrok. Alleen de typen 4, 5 en 6 hebben een code (geel, oranje, rood).",
            "Dreigende thuiszitter: afwezig, zorgwekkend verzuim volgens het profiel (002 Bijlage 1 stap 3) en nog niet langer dan 4 weken.",
            "Thuiszitter: leerplicht oordeelde 'thuiszitter volgens de definitie' (004); bij naam alleen als de school de leerling bij het SWV meldde, anders alleen als aantal (domain.md §8).",
            Invariant($"Nieuw, terug op school en vrijstellingen: vastgelegd na {digest.Since:dd-MM-yyyy HH:mm} (vorig overzicht). Doel vrijstellingen: hoogstens {digest.VrijstellingGoal} thuiszitters met een vrijstelling (002 §8.1); telt wie er nu een heeft."),
            "Achterstallig: aantal leerlingen met een stap uit het protocol waarvan de termijn voor de peildatum verliep en die nog open staat.",
            Invariant($"Doorloopsnelheid: schooldagen vanaf de eerste verzuimdag, en vanaf de dag dat de leerling thuiszitter werd (eerste schooldag na 4 weken), tot 'terug op school' of 'passend aanbod gestart'; zaken afgesloten van {periods.CurrentFrom:dd-MM-yyyy} t/m {periods.CurrentUntil:dd-MM-yyyy}, vergeleken met {previous}. Binnen 3 maanden: hoogstens 60 schooldagen (Thuiszitterspact, 003)."),
            "Trend: aantal afwezigen per duurcategorie op de vrijdag van elke schoolweek (deze week: de peildatum); weken zonder schooldag tellen niet.",
        ];
    }
}
