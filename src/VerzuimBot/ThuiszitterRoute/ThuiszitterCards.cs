using System.Globalization;
using System.Text.Json.Nodes;
using VerzuimBot.Cards;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Digest;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Protocol.Texts;
using VerzuimBot.CardActions;

namespace VerzuimBot.ThuiszitterRoute;

/// <summary>A button on a route card: its title, verb and the value it sends as "knop".</summary>
internal sealed record CardButton(string Title, string Verb, string Value, string Style = "default");

/// <summary>A decision card (thuiszitter-besluit): what is asked, the facts, optional choices and reason, and the buttons.</summary>
internal sealed record DecisionCard(
    string Title,
    string Text,
    IReadOnlyList<Fact> Facts,
    IReadOnlyList<CardButton> Buttons,
    string Footnote,
    string? ReasonLabel = null,
    string? ChoiceLabel = null,
    IReadOnlyList<(string Title, string Value)>? Choices = null,
    string? Problem = null);

/// <summary>
/// Renders the thuiszitter route's cards from cards/thuiszitter-casus.json and cards/thuiszitter-besluit.json.
/// Everything that comes from people or the roster is escaped (CardText.Escape) before it is bound.
/// </summary>
internal sealed class ThuiszitterCards(CardTemplateLibrary library)
{
    /// <summary>The roles that tick the school's side of the checklist (004 "Werkwijzer voor de school").</summary>
    public static readonly Role[] SchoolSide = [Role.Zorgcoordinator, Role.Verzuimcoordinator];

    public JsonNodeCard Decision(DecisionCard card, string taskId, StudentRecord student) => Render("thuiszitter-besluit", new JsonObject
    {
        ["titel"] = card.Title,
        ["tekst"] = card.Text,
        ["feiten"] = RouteCards.Facts(card.Facts),
        ["heeftFout"] = card.Problem is not null,
        ["foutmelding"] = card.Problem ?? string.Empty,
        ["keuzes"] = new JsonArray((card.Choices ?? []).Select(c => (JsonNode)new JsonObject { ["titel"] = c.Title, ["waarde"] = c.Value }).ToArray()),
        ["keuzeLabel"] = card.ChoiceLabel ?? string.Empty,
        ["toonReden"] = card.ReasonLabel is not null,
        ["redenLabel"] = card.ReasonLabel ?? string.Empty,
        ["voetnoot"] = card.Footnote,
        ["knoppen"] = Buttons(card.Buttons),
        ["taak"] = taskId,
        ["school"] = student.SchoolId,
        ["leerlingId"] = student.Id.Value,
    });

    /// <summary>
    /// The case card: type and code as they are today (they move by themselves as school days pass), the judgement,
    /// the checklist with who ticked what, the vrijstelling and doorzettingsmacht state, and the buttons for the viewer's roles.
    /// </summary>
    public JsonNodeCard Case(StudentRecord student, DossierView dossier, SchoolProtocol protocol, DateTimeOffset now, IReadOnlySet<Role> viewer, string? message)
    {
        var today = SchoolClock.LocalDate(now);
        var rules = protocol.Profile.Thuiszitter;
        var calendar = protocol.Calendar;
        var open = dossier.OpenThuiszitterCase(rules);
        var status = dossier.ThuiszitterStatus(calendar, protocol.Profile, today);
        var facts = new List<Fact>();
        var lines = new List<string>();

        if (AwaySpells.Current(dossier, calendar, protocol.Profile.Unauthorised, today) is { } spell)
        {
            var first = calendar.NextSchoolDayOnOrAfter(spell.FirstDay);
            facts.Add(new Fact("Afwezig sinds", DutchDates.LongDate(spell.FirstDay)));
            facts.Add(new Fact("Reden", spell.Reason));
            facts.Add(new Fact("Schooldagen afwezig", spell.SchoolDaysAway(calendar, today).ToString(CultureInfo.InvariantCulture)));
            facts.Add(new Fact("4 weken afwezig op", DutchDates.LongDate(calendar.AddSchoolDays(first, rules.LeerplichtAfterSchoolDays))));
            var oranje = calendar.AddSchoolDays(first, rules.OranjeAfterSchoolDays);
            var rood = calendar.AddSchoolDays(first, rules.RoodAfterSchoolDays);
            if (oranje > today)
            {
                facts.Add(new Fact("Code oranje vanaf", DutchDates.LongDate(oranje)));
            }

            if (rood > today)
            {
                facts.Add(new Fact("Code rood vanaf", DutchDates.LongDate(rood)));
            }

            facts.Add(new Fact("Oordeel leerplicht", Judgement(dossier, spell)));
        }

        if (open is not null)
        {
            var named = Completed(dossier, open).LastOrDefault(c => c.Note is not null && c.Item.Contains("regie", StringComparison.OrdinalIgnoreCase))?.Note;
            facts.Add(new Fact("Regie-/contactpersoon", named ?? "nog niet benoemd"));
        }

        if (status is { Code: { } code } && protocol.Profile.Arrangementen.TryGetValue(code, out var arrangementen) && arrangementen.Count > 0)
        {
            lines.Add($"Arrangementen bij code {DigestTexts.Code(code)} (SWV): {string.Join("; ", arrangementen)}.");
        }

        if (VrijstellingProcedure.Current(dossier) is { } procedure)
        {
            lines.Add($"Vrijstelling 5a: {ThuiszitterTexts.Step(procedure.Last)} ({DutchDates.Moment(procedure.Last.RecordedAt)}).");
        }

        if (Doorzettingsmacht(dossier) is { } started)
        {
            var deadline = calendar.AddWorkingDays(started.Date, rules.DoorzettingsmachtWorkingDays);
            lines.Add($"Doorzettingsmacht sinds {DutchDates.LongDate(started.Date)}{(started.EscalatedTo is { } to ? ", voorgelegd aan " + ThuiszitterTexts.To(to) : string.Empty)}: toegang uiterlijk {DutchDates.LongDate(deadline)} ({rules.DoorzettingsmachtWorkingDays} werkdagen){(deadline < today ? ", de termijn is verlopen" : string.Empty)}.");
        }

        if (open is null && dossier.EndedThuiszitterCases().LastOrDefault() is { } ended)
        {
            lines.Add($"De thuiszitterscasus is gesloten: {ThuiszitterTexts.Ended(ended)}.");
        }

        var schoolSide = SchoolSide.Any(viewer.Contains);
        var leerplichtSide = viewer.Contains(Role.Leerplichtambtenaar);
        var buttons = new List<CardButton>();
        if (open is not null && schoolSide)
        {
            buttons.Add(new CardButton("Terug op school", "thuiszitter.terug", "terug"));
            buttons.Add(new CardButton("Passend aanbod gestart", "thuiszitter.terug", "passend-aanbod"));
        }

        if (leerplichtSide && dossier.IsAwayOpenEnded && VrijstellingProcedure.Current(dossier) is null or { IsFinished: true })
        {
            buttons.Add(new CardButton("Vrijstelling 5a aangevraagd", "vrijstelling.formulier", "formulier"));
        }

        if (viewer.Contains(Role.Swv) && open is not null)
        {
            buttons.Add(Doorzettingsmacht(dossier) is null
                ? new CardButton("Doorzettingsmacht inzetten", "doorzettingsmacht.formulier", "formulier")
                : new CardButton("Doorzettingsmacht afronden", "doorzettingsmacht.formulier", "afronden"));
        }

        var schoolPoints = open is null ? new JsonArray() : Points(dossier, open, rules.SchoolChecklist, schoolSide);
        var leerplichtPoints = open is null ? new JsonArray() : Points(dossier, open, rules.LeerplichtChecklist, leerplichtSide);
        var canTick = open is not null && ((schoolSide && rules.SchoolChecklist.Any(open.OpenItems.Contains)) || (leerplichtSide && rules.LeerplichtChecklist.Any(open.OpenItems.Contains)));
        return Render("thuiszitter-casus", new JsonObject
        {
            ["titel"] = open is not null ? $"Thuiszitter: {student.Label}" : $"Afwezigheid en thuiszitterstatus: {student.Label}",
            ["status"] = status is { } st
                ? $"Type {st.Type}: {DigestTexts.Type(st.Type)} · {DigestTexts.CodeLabel(st.Code)}"
                : "Op dit moment niet afwezig gemeld.",
            ["kleur"] = status switch
            {
                { Code: Domain.Profiles.ThuiszitterCode.Rood } => "Attention",
                not null => "Warning",
                _ => "Default",
            },
            ["heeftMelding"] = message is not null,
            ["melding"] = message is null ? string.Empty : message,
            ["feiten"] = RouteCards.Facts(facts),
            ["regels"] = RouteCards.Lines(lines),
            ["heeftCasus"] = open is not null,
            ["schoolPunten"] = schoolPoints,
            ["leerplichtPunten"] = leerplichtPoints,
            ["kanToelichten"] = canTick || (open is not null && schoolSide),
            ["voetnoot"] = $"Typ \"thuiszitter {student.Details.Leerlingnummer}\" in je persoonlijke chat om deze kaart bijgewerkt te zien. Bronnen: 004 (Werkwijzer), 002 §2.2 (typen en codes), §7 (vrijstelling), Bijlage 2 (doorzettingsmacht).",
            ["knoppen"] = Buttons(buttons),
            ["school"] = student.SchoolId,
            ["leerlingId"] = student.Id.Value,
        });
    }

    /// <summary>The doorzettingsmacht that is still running (not resolved, student not back), if any.</summary>
    public static DoorzettingsmachtStarted? Doorzettingsmacht(DossierView dossier) =>
        dossier.Of<DoorzettingsmachtStarted>().LastOrDefault() is { } started
        && !dossier.Of<DoorzettingsmachtResolved>().Any(r => r.RecordedAt >= started.RecordedAt)
        && !dossier.Of<ReturnedToSchool>().Any(r => r.RecordedAt >= started.RecordedAt)
            ? started
            : null;

    /// <summary>The checklist ticks of this case (004), oldest first.</summary>
    public static IEnumerable<ThuiszitterChecklistItemCompleted> Completed(DossierView dossier, ThuiszitterCase open) =>
        dossier.Of<ThuiszitterChecklistItemCompleted>().Where(c => c.RecordedAt >= open.OpenedBy.RecordedAt);

    private static string Judgement(DossierView dossier, AwaySpell spell)
    {
        if (dossier.Of<LeerplichtJudgementRecorded>().LastOrDefault(j => j.RecordedAt >= spell.StartedAt) is not { } judgement)
        {
            return "nog niet gegeven";
        }

        var what = judgement.IsThuiszitter ? "ja, thuiszitter" : $"nee: {judgement.Reason}";
        return $"{what} · {ThuiszitterTexts.Who(judgement, judgement.Organisation)} · {DutchDates.Moment(judgement.RecordedAt)}";
    }

    private static JsonArray Points(DossierView dossier, ThuiszitterCase open, IReadOnlyList<string> items, bool mayTick)
    {
        var done = Completed(dossier, open).ToList();
        return new JsonArray(items.Select(item =>
        {
            var tick = done.LastOrDefault(c => c.Item == item);
            var stand = tick is null
                ? "open"
                : $"afgevinkt door {ThuiszitterTexts.Who(tick, tick.Organisation)} op {DutchDates.Moment(tick.RecordedAt)}{(tick.Note is { } note ? ": " + note : string.Empty)}";
            return (JsonNode)new JsonObject
            {
                ["teken"] = tick is null ? "☐" : "☑",
                ["tekst"] = item,
                ["item"] = item,
                ["stand"] = stand,
                ["kanAfvinken"] = tick is null && mayTick,
            };
        }).ToArray());
    }

    private static JsonArray Buttons(IEnumerable<CardButton> buttons) =>
        new(buttons.Select(b => (JsonNode)new JsonObject { ["titel"] = b.Title, ["verb"] = b.Verb, ["waarde"] = b.Value, ["stijl"] = b.Style }).ToArray());

    private JsonNodeCard Render(string template, JsonObject data) => JsonNodeCard.From(library.Render(template, data));
}
