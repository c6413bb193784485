using System.Globalization;
using System.Text.Json.Nodes;
using VerzuimBot.Access.Tenants;
using VerzuimBot.Cards;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Storage;
using VerzuimBot.CardActions;

namespace VerzuimBot.OverlegRoute;

/// <summary>One agreed action as the cards show it: late when the rules' "te laat" day (the next school day after the due date) has come.</summary>
internal sealed record OverlegActionView(OverlegActionAgreed Agreed, OverlegActionCompleted? Completed, bool Late);

/// <summary>
/// The overleg cards (templates overleg-besluit, overleg-samenvatting, overleg-actie). The summary for the group chat
/// carries only what every member may see (domain.md §8): initials and leerlingnummer, school, type and code, weeks away,
/// regiepersoon, participants and the agreed actions; never the name, the absence reason or anything medical.
/// Everything typed by people is escaped.
/// </summary>
internal sealed class OverlegCards(CardTemplateLibrary cards, TenantPolicy tenants)
{
    public const string NoGroupChat =
        "Ik zit nog in geen enkele groepschat, en een groepschat aanmaken kan ik niet zelf. Maak in Teams een groepschat met de kernpartners die meedoen, " +
        "voeg VerzuimBot daar toe (Apps > VerzuimBot > Toevoegen aan een chat) en typ in die groepschat \"@VerzuimBot overleg hier\". Typ daarna hier opnieuw \"overleg\" met de leerling.";

    /// <summary>The decision card; <paramref name="again"/> shows it once more with the choices made and a warning to confirm.</summary>
    public JsonNodeCard Decision(StudentRecord student, IEnumerable<Fact> facts, IReadOnlyList<GroupChat> chats, IEnumerable<string> earlier, string cardId, DecisionAgain? again = null)
    {
        var lines = earlier.ToList();
        var chosenChat = again?.Chat is { } chat && chats.Any(c => c.ConversationId == chat) ? chat : null;
        return Render("overleg-besluit", new JsonObject
        {
            ["leerling"] = student.Label,
            ["feiten"] = RouteCards.Facts(facts),
            ["heeftLopend"] = lines.Count > 0,
            ["lopend"] = RouteCards.Lines(lines),
            ["soorten"] = Choices(OverlegTerms.Soorten.Select(s => (s.Title, s.Value))),
            ["partners"] = Choices(OverlegTerms.Partners.Select(p => (p.Title, p.Value))),
            ["standaardSoort"] = again?.Soort ?? "kernpartneroverleg",
            ["standaardDeelnemers"] = again is null ? "school,ouders,leerplicht" : string.Join(',', again.Partners),
            ["standaardReden"] = again?.Reason ?? string.Empty,
            ["heeftWaarschuwing"] = again is not null,
            ["waarschuwing"] = again is null ? string.Empty : again.Warning,
            ["bevestigdeChat"] = again?.Chat ?? string.Empty,
            ["heeftChats"] = chats.Count > 0,
            ["chats"] = Choices(chats.Select(c => (c.Name, c.ConversationId))),
            ["standaardChat"] = chosenChat ?? (chats.Count > 0 ? chats[0].ConversationId : string.Empty),
            ["geenChat"] = NoGroupChat,
            ["kaart"] = cardId,
            ["school"] = student.SchoolId,
            ["leerlingId"] = student.Id.Value,
        });
    }

    public JsonNodeCard Summary(OverlegRecord overleg, StudentRecord student, DossierView dossier, SchoolProtocol protocol, DateTimeOffset now)
    {
        var today = SchoolClock.LocalDate(now);
        var decided = dossier.Of<KernpartnerDecisionRecorded>().FirstOrDefault(d => d.Id.Value == overleg.DecisionEventId);
        var notes = dossier.Of<KernpartnerDecisionRecorded>().Where(d => d.Question == NotesQuestion(overleg.OverlegId)).ToList();
        var actions = Actions(dossier, protocol, today, overleg.OverlegId);
        var facts = new List<Fact>
        {
            new("School", SchoolName(student.SchoolId)),
            new("Leerling", $"{Initials(student)}, leerlingnummer {student.Details.Leerlingnummer}"),
            new("Type en code", TypeAndCode(dossier, protocol, today)),
            new("Afwezig", WeeksAway(dossier, protocol, today)),
            new("Regiepersoon", dossier.Of<PlanVanAanpakAgreed>().LastOrDefault()?.Regiepersoon.Value ?? "nog niet benoemd"),
            new("Deelnemers", OverlegTerms.PartnerList(overleg.Partners)),
        };
        if (decided is not null)
        {
            facts.Add(new Fact("Besloten", $"{DutchDates.ShortDate(SchoolClock.LocalDate(decided.RecordedAt))} door {Access.Authorization.RoleNames.Dutch(decided.RecordedBy.Role)} ({OrganisationName(decided.Organisation)})"));
        }

        var owners = OverlegTerms.Owners.Where(o => overleg.Partners.Contains(o.Partner)).ToList();
        return Render("overleg-samenvatting", new JsonObject
        {
            ["titel"] = $"{OverlegTerms.SoortTitle(overleg.Soort)} · {Initials(student)} · lln. {student.Details.Leerlingnummer}",
            ["feiten"] = RouteCards.Facts(facts),
            ["acties"] = new JsonArray(actions.Select(a => (JsonNode)new JsonObject
            {
                ["tekst"] = a.Agreed.Description,
                ["eigenaar"] = OwnerTitle(a.Agreed.Owner),
                ["uiterlijk"] = DutchDates.LongDate(a.Agreed.Due),
                ["status"] = a.Completed is { } c ? $"afgerond op {DutchDates.ShortDate(SchoolClock.LocalDate(c.RecordedAt))}" : "open",
                ["teLaat"] = a.Late,
            }).ToArray()),
            ["besluiten"] = RouteCards.Lines(notes.Select(n => $"{n.Choice} ({DutchDates.ShortDate(SchoolClock.LocalDate(n.RecordedAt))}, {Access.Authorization.RoleNames.Dutch(n.RecordedBy.Role)})")),
            ["eigenaren"] = Choices(owners.Select(o => (o.Title, o.Value))),
            ["vandaag"] = DutchDates.IsoDate(today),
            ["bijgewerkt"] = DutchDates.Moment(now),
            ["school"] = student.SchoolId,
            ["leerlingId"] = student.Id.Value,
            ["overleg"] = overleg.OverlegId,
        });
    }

    public JsonNodeCard ActionReminder(string taskId, StudentRecord student, OverlegActionView action, bool late) => Render("overleg-actie", new JsonObject
    {
        ["titel"] = $"{(late ? "Actie uit het overleg is te laat" : "Actie uit het overleg")}: {student.Label}",
        ["teLaat"] = late,
        ["tekst"] = late
            ? $"Deze actie is op {DutchDates.LongDate(SchoolClock.LocalDate(action.Agreed.RecordedAt))} afgesproken in het overleg over deze leerling en had uiterlijk {DutchDates.LongDate(action.Agreed.Due)} klaar moeten zijn. Druk op Afgerond als hij gedaan is."
            : $"Deze actie is op {DutchDates.LongDate(SchoolClock.LocalDate(action.Agreed.RecordedAt))} afgesproken in het overleg over deze leerling en moet uiterlijk vandaag ({DutchDates.LongDate(action.Agreed.Due)}) klaar zijn. Druk op Afgerond als hij gedaan is.",
        ["feiten"] = RouteCards.Facts(
        [
            new Fact("Leerling", student.Label),
            new Fact("Actie", action.Agreed.Description),
            new Fact("Uiterlijk", DutchDates.LongDate(action.Agreed.Due)),
            new Fact("Voor", OwnerTitle(action.Agreed.Owner)),
        ]),
        ["taak"] = taskId,
        ["school"] = student.SchoolId,
        ["leerlingId"] = student.Id.Value,
        ["actie"] = action.Agreed.ActionId,
    });

    /// <summary>The question under which the overleg's own decisions are recorded (one overleg, one question).</summary>
    public static string NotesQuestion(string overlegId) => $"Besluit in overleg {overlegId}";

    /// <summary>The actions agreed in this overleg (all actions of the student when <paramref name="overlegId"/> is null), oldest first.</summary>
    public static IReadOnlyList<OverlegActionView> Actions(DossierView dossier, SchoolProtocol protocol, DateOnly today, string? overlegId)
    {
        var completed = dossier.Of<OverlegActionCompleted>().GroupBy(c => c.ActionId).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return dossier.Of<OverlegActionAgreed>()
            .Where(a => overlegId is null || a.ActionId.StartsWith(ActionPrefix(overlegId), StringComparison.Ordinal))
            .Select(a =>
            {
                var done = completed.GetValueOrDefault(a.ActionId);
                return new OverlegActionView(a, done, done is null && today >= protocol.Calendar.AddSchoolDays(a.Due, 1));
            })
            .ToList();
    }

    /// <summary>Action ids start with their overleg's id, so the summary of one overleg shows only its own actions.</summary>
    public static string ActionPrefix(string overlegId) => $"oa-{overlegId}-";

    public static string OwnerTitle(Role role) => OverlegTerms.Owners.FirstOrDefault(o => o.Role == role).Title ?? Access.Authorization.RoleNames.Dutch(role);

    /// <summary>"D.d.V.": the initials of roepnaam, tussenvoegsel and achternaam.</summary>
    public static string Initials(StudentRecord student)
    {
        var parts = new[] { student.Details.Roepnaam, student.Details.Tussenvoegsel, student.Details.Achternaam }
            .Where(p => !string.IsNullOrWhiteSpace(p))
            .SelectMany(p => p!.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return string.Concat(parts.Select(p => char.IsLower(p[0]) ? $"{p[0]}." : $"{char.ToUpperInvariant(p[0])}."));
    }

    /// <summary>What the decider sees about the student on the decision card.</summary>
    public static IReadOnlyList<Fact> DecisionFacts(StudentRecord student, DossierView dossier, SchoolProtocol protocol, DateOnly today) =>
    [
        new("Leerling", student.Label),
        new("Type en code", TypeAndCode(dossier, protocol, today)),
        new("Afwezig", WeeksAway(dossier, protocol, today)),
    ];

    public static string TypeAndCode(DossierView dossier, SchoolProtocol protocol, DateOnly today) =>
        dossier.ThuiszitterStatus(protocol.Calendar, protocol.Profile, today) is { } status
            ? $"type {status.Type}, {Domain.Digest.DigestTexts.CodeLabel(status.Code)}"
            : "niet bepaald";

    public static string WeeksAway(DossierView dossier, SchoolProtocol protocol, DateOnly today)
    {
        var days = dossier.SchoolDaysAway(protocol.Calendar, protocol.Profile.Unauthorised, today);
        if (days == 0)
        {
            return "niet aaneengesloten afwezig";
        }

        var weeks = days / 5;
        return string.Create(CultureInfo.InvariantCulture, $"{weeks} {(weeks == 1 ? "schoolweek" : "schoolweken")} ({days} schooldagen)");
    }

    private string SchoolName(string schoolId) => tenants.FindOrganisation(schoolId)?.Name ?? schoolId;

    private string OrganisationName(string organisationId) => tenants.FindOrganisation(organisationId)?.Name ?? organisationId;

    private static JsonArray Choices(IEnumerable<(string Title, string Value)> choices) =>
        new(choices.Select(c => (JsonNode)new JsonObject { ["titel"] = c.Title, ["waarde"] = c.Value }).ToArray());

    private JsonNodeCard Render(string template, JsonObject data) => JsonNodeCard.From(cards.Render(template, data));
}

/// <summary>The decision card shown again: the choices as made, and why the decider must confirm the group chat.</summary>
internal sealed record DecisionAgain(string Soort, IReadOnlyList<string> Partners, string Chat, string? Reason, string Warning);
