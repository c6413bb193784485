using VerzuimBot.Protocol.SchoolLeave;
using System.Text.Json.Nodes;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Protocol.Dossiers;
using VerzuimBot.Protocol.Schools;
using VerzuimBot.Protocol.Tasks;
using VerzuimBot.CardActions;
using VerzuimBot.Protocol.Texts;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Tasks;

namespace VerzuimBot.SchoolLeave;

/// <summary>
/// The cards of 002 §1.3's tasks: the decision on extra verlof (with the protocol's rules it breaks), the check on the first
/// day of refused verlof, and leerplicht's notice of a reported schorsing.
/// </summary>
internal sealed class SchoolLeaveTaskCards(RouteCards cards) : ITaskCardProvider
{
    public bool Handles(TaskKind kind) => kind is TaskKind.ExtraVerlofBesluit or TaskKind.GeweigerdVerlofControle or TaskKind.SchorsingGemeld;

    public JsonNodeCard For(DueTask task, StudentRecord student, DossierView dossier, SchoolProtocol protocol, DateTimeOffset now) => task.Kind switch
    {
        TaskKind.SchorsingGemeld when dossier.Of<SchorsingRecorded>().FirstOrDefault(s => s.Id.Value == task.Anchor) is { } schorsing =>
            cards.Notice("taak-melding", $"Schorsing gemeld: {student.Label}",
                $"De school meldt een schorsing {SchoolLeaveService.Span(schorsing.First, schorsing.Last)}. De leerling is dan formeel vrijgesteld; het is geen verzuim.",
                [new Fact("Leerling", student.Label), new Fact("School", student.SchoolId), new Fact("Kenmerk", task.Detail ?? "niet opgegeven")],
                "002 §1.3.1: \"ook hiervan moet Leerplicht op de hoogte worden gebracht\". Deze melding vraagt geen antwoord."),
        TaskKind.ExtraVerlofBesluit or TaskKind.GeweigerdVerlofControle when Request(dossier, task.Anchor) is { } request =>
            Verlof(task, student, dossier, protocol, request, null),
        _ => cards.Notice("taak-melding", $"{TaskTitles.Of(task.Kind)}: {student.Label}", task.Detail ?? string.Empty, [new Fact("Leerling", student.Label)], "Deze melding is niet meer compleet; vraag de verzuimcoördinator."),
    };

    public static ExtraVerlofRequested? Request(DossierView dossier, string anchor) =>
        dossier.Of<ExtraVerlofRequested>().FirstOrDefault(r => r.Id.Value == anchor);

    /// <summary>The decision card (with the rules it breaks), or the check on the first refused day.</summary>
    public JsonNodeCard Verlof(DueTask task, StudentRecord student, DossierView dossier, SchoolProtocol protocol, ExtraVerlofRequested request, string? problem)
    {
        var reference = new TaskReference(task.Id.Value, student.SchoolId, student.Id.Value);
        List<Fact> facts =
        [
            new("Leerling", student.Label),
            new("Verlof", SchoolLeaveService.Span(request.First, request.Last)),
            new("Aangevraagd op", DutchDates.LongDate(request.RequestedOn)),
            new("Reden", request.Reason),
        ];
        if (task.Kind == TaskKind.GeweigerdVerlofControle)
        {
            var refused = dossier.Of<ExtraVerlofDecided>().LastOrDefault(d => d.Request == request.Id);
            return cards.Task("verlof-controle", reference, student, [.. facts, new("Geweigerd", refused?.Reason ?? "zonder toelichting")], new JsonObject
            {
                ["tekst"] = $"Het extra verlof van {student.Details.Roepnaam} is geweigerd. Vandaag begint het: is de leerling op school?",
            });
        }

        return cards.Task("verlof-besluit", reference, student, facts, new JsonObject
        {
            ["tekst"] = "De ouders vragen extra verlof aan. De school beoordeelt de aanvraag (002 §1.3.1); je beslist hier namens de directeur.",
            ["bezwaren"] = RouteCards.Lines(ExtraVerlofCheck.Problems(request, dossier, protocol.Calendar, protocol.Profile.Verlof)),
            ["heeftFout"] = problem is not null,
            ["foutmelding"] = problem ?? string.Empty,
            ["voetnoot"] = "Toegekend verlof telt niet als verzuim. Wordt geweigerd verlof toch opgenomen, dan is het luxeverzuim: op de eerste dag vraag ik of de leerling op school is.",
        });
    }
}
