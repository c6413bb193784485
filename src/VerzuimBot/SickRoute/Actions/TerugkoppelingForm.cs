using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Language;
using VerzuimBot.CardActions;

namespace VerzuimBot.SickRoute.Actions;

/// <summary>The answers of the Formulier terugkoppeling, read from the card with exactly the seed's options.</summary>
internal sealed record TerugkoppelingForm(
    InvitationResult Result, DateOnly? PhoneDate, ConsultConclusion Conclusion, bool Consent, string? Information, string? Agreements,
    IReadOnlyList<string> Actions, FollowUpAdvice Advice, string? AdviceOther)
{
    private static readonly Dictionary<string, InvitationResult> Results = new(StringComparer.Ordinal)
    {
        ["ouder-en-leerling"] = InvitationResult.OuderEnLeerlingVerschenen,
        ["leerling"] = InvitationResult.LeerlingVerschenenOudersNiet,
        ["telefonisch"] = InvitationResult.TelefonischContactMetOuder,
        ["ouder"] = InvitationResult.OuderVerschenenLeerlingNiet,
        ["afgemeld"] = InvitationResult.NietVerschenenMetAfmelding,
        ["niet-verschenen"] = InvitationResult.NietVerschenenZonderAfmelding,
    };

    private static readonly Dictionary<string, ConsultConclusion> Conclusions = new(StringComparer.Ordinal)
    {
        ["volledig"] = ConsultConclusion.KanVolledigDeelnemen,
        ["deels"] = ConsultConclusion.KanDeelsDeelnemen,
        ["niet"] = ConsultConclusion.KanNietDeelnemen,
        ["geen"] = ConsultConclusion.NogGeenConclusie,
    };

    private static readonly Dictionary<string, FollowUpAdvice> Advices = new(StringComparer.Ordinal)
    {
        ["leerplicht"] = FollowUpAdvice.NextZiekmeldingToLeerplicht,
        ["jeugdarts"] = FollowUpAdvice.NextZiekmeldingToJeugdarts,
        ["zorgwekkend"] = FollowUpAdvice.ReferAgainAtWorryingAbsence,
        ["anders"] = FollowUpAdvice.Other,
    };

    private static readonly Dictionary<string, string> ActionTexts = new(StringComparer.Ordinal)
    {
        ["eenmalig"] = "Eenmalig contact",
        ["vervolgafspraak"] = "Vervolgafspraak",
        ["overleg"] = "Overleg of nader onderzoek nodig",
        ["opnieuw-gesprek"] = "Advies aan school opnieuw in gesprek te gaan wegens niet verschijnen; overweeg melding leerplicht",
    };

    public static TerugkoppelingForm? Read(CardData data, DateOnly today)
    {
        if (!Results.TryGetValue(data.Text("resultaat", 30) ?? string.Empty, out var result)
            || !Conclusions.TryGetValue(data.Text("conclusie", 30) ?? string.Empty, out var conclusion)
            || !Advices.TryGetValue(data.Text("advies", 30) ?? string.Empty, out var advice))
        {
            return null;
        }

        var phone = data.Date("telefonischOp");
        if (result == InvitationResult.TelefonischContactMetOuder && (phone is null || phone > today))
        {
            return null;
        }

        var other = data.Text("adviesAnders", 300);
        if (advice == FollowUpAdvice.Other && other is null)
        {
            return null;
        }

        var actions = data.List("acties").Where(ActionTexts.ContainsKey).Select(a => a == "vervolgafspraak" && data.Text("vervolgTermijn", 100) is { } term ? $"{ActionTexts[a]} ({term})" : ActionTexts[a]).ToList();
        return new TerugkoppelingForm(result, result == InvitationResult.TelefonischContactMetOuder ? phone : null, conclusion, data.Yes("toestemming"),
            data.Text("informatie", 1500), data.Text("afspraken", 1500), actions, advice, advice == FollowUpAdvice.Other ? other : null);
    }

    public static string Problem(CardData data) =>
        data.Text("resultaat", 30) == "telefonisch" && data.Date("telefonischOp") is null
            ? "Vul de datum van het telefonisch contact in."
            : data.Text("advies", 30) == "anders" && data.Text("adviesAnders", 300) is null
                ? "Vul bij \"Anders\" het advies in."
                : "Kies het resultaat van de uitnodiging, de conclusie en het advies vervolgtraject.";

    /// <summary>What the school may see of the terugkoppeling.</summary>
    public static IEnumerable<Fact> SharedFacts(TerugkoppelingReceived t)
    {
        yield return new Fact("Resultaat uitnodiging", ResultText(t.Result) + (t.PhoneContactDate is { } d ? $" ({DutchDates.ShortDate(d)})" : string.Empty));
        yield return new Fact("Conclusie", ConclusionText(t.Conclusion));
        if (t.ConsentToShare && t.InformationForSchool is { } info)
        {
            yield return new Fact("Voor school relevante informatie", info);
        }

        if (t.Agreements is { } agreements)
        {
            yield return new Fact("Gemaakte afspraken / plan van aanpak", agreements);
        }

        if (t.Actions.Count > 0)
        {
            yield return new Fact("Acties", string.Join("; ", t.Actions));
        }

        yield return new Fact("Advies vervolgtraject", AdviceText(t.Advice) + (t.AdviceOther is { } o ? $": {o}" : string.Empty));
    }

    public static string ResultText(InvitationResult r) => r switch
    {
        InvitationResult.OuderEnLeerlingVerschenen => "Ouder en leerling verschenen",
        InvitationResult.LeerlingVerschenenOudersNiet => "Leerling verschenen, ouders niet",
        InvitationResult.TelefonischContactMetOuder => "Telefonisch contact met ouder",
        InvitationResult.OuderVerschenenLeerlingNiet => "Ouder verschenen, leerling niet",
        InvitationResult.NietVerschenenMetAfmelding => "Niet verschenen met afmelding, geen nieuwe afspraak",
        _ => "Niet verschenen zonder afmelding",
    };

    public static string ConclusionText(ConsultConclusion c) => c switch
    {
        ConsultConclusion.KanVolledigDeelnemen => "Kan volledig deelnemen",
        ConsultConclusion.KanDeelsDeelnemen => "Kan deels deelnemen",
        ConsultConclusion.KanNietDeelnemen => "Kan niet deelnemen",
        _ => "Nog geen conclusie, nader overleg volgt",
    };

    public static string AdviceText(FollowUpAdvice a) => a switch
    {
        FollowUpAdvice.NextZiekmeldingToLeerplicht => "Bij eerstvolgende ziekmelding melden bij leerplicht",
        FollowUpAdvice.NextZiekmeldingToJeugdarts => "Bij eerstvolgende ziekmelding opnieuw aanmelden bij de jeugdarts",
        FollowUpAdvice.ReferAgainAtWorryingAbsence => "Opnieuw melden bij de jeugdarts bij opnieuw meer dan 5 dagen achter elkaar of 5 dagen in een maand",
        _ => "Anders",
    };
}
