using System.Text.Json;
using System.Text.Json.Nodes;
using VerzuimBot.Access.Audit;
using VerzuimBot.Access.Authorization;
using VerzuimBot.Storage;

namespace VerzuimBot.Access.Retention;

/// <summary>
/// Inzageverzoek (AVG art. 15): everything the bot holds on one student as one JSON document —
/// roster details, dossier events, decisions and the audit trail. Only a beheerder of the
/// student's school may export; the export itself is audited.
/// </summary>
public sealed class InzageExporter(RosterStore roster, DossierStore dossiers, DecisionStore decisions, AuditStore auditStore, AuditTrail audit, TimeProvider time)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async Task<StudentDataRequestResult> ExportAsync(AccessActor actor, string schoolId, string studentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        var context = new StudentContext(schoolId, studentId, Klas: string.Empty, Woongemeente: string.Empty);
        var decision = AccessPolicy.Decide(actor, AccessAction.InzageExport, context, now);
        if (!decision.IsAllowed)
        {
            return new StudentDataRequestResult(false, decision.Reason!);
        }

        var student = await roster.FindStudentAsync(schoolId, studentId, cancellationToken).ConfigureAwait(false);
        var dossier = await dossiers.ReadAsync(schoolId, studentId, cancellationToken).ConfigureAwait(false);
        var caseDecisions = await decisions.ListForCaseAsync(schoolId, studentId, cancellationToken).ConfigureAwait(false);
        var trail = await auditStore.ListForStudentAsync(schoolId, studentId, cancellationToken).ConfigureAwait(false);
        if (student is null && dossier.Head is null && caseDecisions.Count == 0 && trail.Count == 0)
        {
            return new StudentDataRequestResult(false, $"Over leerling {studentId} zijn geen gegevens opgeslagen op school {schoolId}.");
        }

        var document = new JsonObject
        {
            ["soort"] = "inzageverzoek",
            ["school"] = schoolId,
            ["leerling"] = studentId,
            ["geexporteerdOp"] = now,
            ["geexporteerdDoor"] = actor.UserId,
            ["leerlinggegevens"] = student is null ? null : Payload(student.Details.Json),
            ["dossier"] = new JsonObject
            {
                ["status"] = dossier.Head?.Status.ToString(),
                ["versie"] = dossier.Version,
                ["gebeurtenissen"] = new JsonArray(dossier.Events.Select(e => (JsonNode)new JsonObject
                {
                    ["volgnummer"] = e.Sequence,
                    ["soort"] = e.Event.Payload.Type,
                    ["vastgelegdOp"] = e.Event.RecordedAt,
                    ["inhoud"] = Payload(e.Event.Payload.Json),
                }).ToArray()),
            },
            ["besluiten"] = new JsonArray(caseDecisions.Select(d => (JsonNode)new JsonObject
            {
                ["id"] = d.DecisionId,
                ["soort"] = d.Payload.Type,
                ["genomenDoor"] = d.DecidedBy,
                ["genomenOp"] = d.DecidedAt,
                ["inhoud"] = Payload(d.Payload.Json),
            }).ToArray()),
            ["audit"] = new JsonArray(trail.Select(a => (JsonNode)JsonValue.Create(AuditTrail.Describe(a))).ToArray()),
        };

        await audit.RecordAsync(
            new AuditRecord(schoolId, studentId, actor.UserId, RoleNames.Dutch(decision.Grant!.Role), decision.Grant.OrganisationId, AuditTrail.Code(AccessAction.InzageExport), AuditTexts.For(AccessAction.InzageExport)),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return new StudentDataRequestResult(true, $"Alle gegevens van leerling {studentId} zijn geëxporteerd.", document.ToJsonString(Indented));
    }

    private static JsonNode? Payload(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            // Not JSON (should not happen): export it as text rather than lose it.
            return JsonValue.Create(json);
        }
    }
}
