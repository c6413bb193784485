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

namespace VerzuimBot.ThuiszitterRoute;

/// <summary>
/// 002 §7: "De afgegeven vrijstelling geldt in principe voor één jaar; ouders kunnen ieder jaar een nieuwe aanvraag doen." Before
/// a vrijstelling voor bepaalde tijd lapses, leerplicht and the SWV get this notice; a new aanvraag ("vrijstelling …") ends it.
/// </summary>
internal sealed class VrijstellingRenewalCards(RouteCards cards) : ITaskCardProvider
{
    public bool Handles(TaskKind kind) => kind == TaskKind.VrijstellingVerlenging;

    public JsonNodeCard For(DueTask task, StudentRecord student, DossierView dossier, SchoolProtocol protocol, DateTimeOffset now) =>
        cards.Notice("taak-melding", $"Vrijstelling vervalt binnenkort: {student.Label}",
            $"De vrijstelling voor bepaalde tijd {task.Detail}. Daarna is de leerling weer leerplichtig en telt afwezigheid weer mee. Ouders kunnen een nieuwe aanvraag doen; leerplicht legt die vast met \"vrijstelling {student.Details.Leerlingnummer}\" en het SWV wordt er opnieuw bij betrokken.",
            [new Fact("Leerling", student.Label), new Fact("School", student.SchoolId)],
            "002 §7 (vrijstelling in principe voor één jaar) en 000 (het SWV bij elke vrijstelling). Deze melding vraagt geen antwoord.");
}
