using VerzuimBot.Access.Audit;
using VerzuimBot.Access.Authorization;
using VerzuimBot.Access.Tenants;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Protocol.Staff;

namespace VerzuimBot.CardActions;

/// <summary>
/// A refused card press (issue 19 item 1): one Dutch sentence that names no child and reads the same whether the student
/// exists, is another school's, or the task is forged; a log line with the verb and a code; and an audit line with who
/// pressed, which verb, and why, under the card's school and the pseudonymous id it names (or, for a school that is not
/// configured, under the presser's own organisation), so the school's beheerder sees who tried.
/// </summary>
internal sealed class CardRefusals(AuditTrail audit, TenantPolicy tenants, TimeProvider time, ILogger<CardRefusals> logger)
{
    public const string Neutral = "Deze kaart kan ik niet voor je afhandelen: je hebt geen rol die dit mag voor deze leerling, of de kaart is niet (meer) geldig. Er is niets veranderd.";

    public const string AuditCode = "card-refused";

    /// <param name="studentId">The pseudonymous id the card names, when it names one (never a typed name).</param>
    public async Task<CardActionResult> RecordAsync(string verb, Activity activity, CardData data, StaffMember? presser, string? studentId, CardActionResult refusal, CancellationToken cancellationToken)
    {
        var code = refusal.RefusalCode ?? "refused";
        logger.LogWarning("Refused card action {Verb} for student {StudentId}: {Code}", verb, studentId ?? "(none)", code);

        var now = time.GetUtcNow();
        var grants = presser?.Actor.Grants.Where(g => g.IsValidAt(now)).ToList() ?? [];
        var school = data.Id("school") is { } named && tenants.FindOrganisation(named) is { IsSchool: true } configured ? configured.Id : null;
        var partition = school ?? grants.FirstOrDefault()?.OrganisationId ?? tenants.Check(activity.TenantId).Organisations.FirstOrDefault()?.Id;
        if (partition is not null)
        {
            var actor = presser?.Actor.UserId ?? (activity.From?.AadObjectId is { Length: > 0 } aad ? $"teams:{aad}" : "onbekend");
            var roles = grants.Count == 0 ? "geen rol" : string.Join(", ", grants.Select(g => RoleNames.Dutch(g.Role)).Distinct());
            await audit.RecordAsync(
                new AuditRecord(partition, school is null ? null : studentId, actor, roles, grants.FirstOrDefault()?.OrganisationId ?? "-", AuditCode, $"kaart \"{verb}\" geweigerd ({code})"),
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return CardActionResult.Say(refusal.Message ?? Neutral);
    }
}
