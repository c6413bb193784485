using System.Text.Json.Nodes;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Rules;
using VerzuimBot.OverlegRoute;
using VerzuimBot.Protocol.Dossiers;
using VerzuimBot.Protocol.Schools;
using VerzuimBot.Protocol.Tasks;
using VerzuimBot.CardActions;
using VerzuimBot.Protocol.Texts;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Tasks;

namespace VerzuimBot.FollowUp;

/// <summary>
/// 002 Bijlage 1 stap 6 and §4: the card on which the zorgcoördinator turns "plan niet opgevolgd" or "niet verschenen" into
/// an action with an owner and a date; the owner is then reminded as for an action agreed in an overleg (domain.md §6).
/// </summary>
internal sealed class Stap6FollowUpCards(RouteCards cards) : ITaskCardProvider
{
    public bool Handles(TaskKind kind) => kind == TaskKind.Stap6FollowUp;

    public JsonNodeCard For(DueTask task, StudentRecord student, DossierView dossier, SchoolProtocol protocol, DateTimeOffset now) =>
        Card(task, student, dossier, protocol, SchoolClock.LocalDate(now), null);

    public JsonNodeCard Card(DueTask task, StudentRecord student, DossierView dossier, SchoolProtocol protocol, DateOnly today, string? problem)
    {
        var signal = dossier.Events.FirstOrDefault(e => e.Id.Value == task.Anchor);
        var (reason, preferred) = signal switch
        {
            PlanVanAanpakEvaluated evaluation => ($"Het plan van aanpak wordt niet opgevolgd (evaluatie van {DutchDates.LongDate(evaluation.Date)}).", Chosen(dossier, evaluation)),
            TerugkoppelingReceived => ("De leerling en de ouders verschenen niet bij de jeugdarts. De school spreekt hen daarop aan, of meldt bij leerplicht met het verzoek te handhaven (002 Bijlage 1, stap 6).", "aanspreken"),
            _ => (task.Detail ?? "Kies de vervolgstap.", "aanspreken"),
        };
        return cards.Task("vervolg", new TaskReference(task.Id.Value, student.SchoolId, student.Id.Value), student,
            [new Fact("Leerling", student.Label), new Fact("Aanleiding", task.Detail ?? "stap 6")],
            new JsonObject
            {
                ["tekst"] = $"{reason} Kies de vervolgstap, wie hem doet en wanneer.",
                ["heeftFout"] = problem is not null,
                ["foutmelding"] = problem ?? string.Empty,
                ["voorkeuze"] = preferred,
                ["eigenaren"] = new JsonArray(OverlegTerms.Owners.Select(o => (JsonNode)new JsonObject { ["titel"] = o.Title, ["waarde"] = o.Value }).ToArray()),
                ["datum"] = DutchDates.IsoDate(protocol.Calendar.AddSchoolDays(today, 5)),
                ["vandaag"] = DutchDates.IsoDate(today),
            });
    }

    /// <summary>The follow-up the evaluation card chose, as the choice's value.</summary>
    private static string Chosen(DossierView dossier, PlanVanAanpakEvaluated evaluation)
    {
        var decided = dossier.Of<KernpartnerDecisionRecorded>().LastOrDefault(d => d.Question == Stap6Options.EvaluationQuestion && d.RecordedAt >= evaluation.RecordedAt)?.Choice;
        return Stap6Options.Titles.FirstOrDefault(t => t.Value == decided).Key ?? "contact-jeugdarts";
    }
}
