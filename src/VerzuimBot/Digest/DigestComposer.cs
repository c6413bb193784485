using VerzuimBot.Access.Audit;
using VerzuimBot.Cards;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Digest;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Profiles;
using VerzuimBot.Storage;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Protocol.Schools;
using VerzuimBot.Protocol.Digest;

namespace VerzuimBot.Digest;

/// <summary>Weekly: the Monday digest; Overleg: the 8-weekly overview for the RBL–SWV overleg.</summary>
internal enum DigestKind
{
    OnDemand,
    Weekly,
    Overleg,
}

/// <summary>A computed digest and its card.</summary>
internal sealed record ComposedDigest(SwvDigest Digest, JsonNodeCard Card);

/// <summary>
/// Computes the digest of an SWV's schools and renders its card. Names appear only for the thuiszitters reported to
/// the SWV (the digest lists no others, domain.md §8); each name shown is audited on the student's trail.
/// </summary>
internal sealed class DigestComposer(
    DigestQuery query, StudentDirectory students, SwvAudiences audiences, SchoolProtocols protocols, CardTemplateLibrary cards, DigestSubscriptionStore subscriptions, AuditTrail audit)
{
    private const string AllSchools = "alle";

    /// <summary>The SWV's schedule: that of its first school's profile (the SWV's schools share the regional protocol).</summary>
    public DigestSchedule ScheduleOf(IReadOnlyList<string> schools) => protocols.For(schools[0]).Profile.Digest;

    /// <summary>"Sinds het vorige overzicht": the latest post in any of the SWV's channels, else the start of the school year.</summary>
    public async Task<DateTimeOffset?> PreviousPostAsync(string swvId, CancellationToken cancellationToken) =>
        (await subscriptions.ListForAsync(swvId, cancellationToken).ConfigureAwait(false)).Max(s => s.LastPostedAt);

    public async Task<ComposedDigest> ComposeAsync(SwvAudience audience, DigestKind kind, DateTimeOffset now, DateTimeOffset? since, string shownTo, CancellationToken cancellationToken)
    {
        var digest = await query.ComputeAsync(audience.Schools, now, since, cancellationToken).ConfigureAwait(false);
        var names = new Dictionary<StudentId, string>();
        foreach (var entry in digest.Thuiszitters.Take(DigestCardData.MaxListed))
        {
            var student = await students.GetAsync(entry.School.Value, entry.Student.Value, cancellationToken).ConfigureAwait(false);
            names[entry.Student] = student?.Label ?? "leerling " + entry.Student.Value;
            await audit.RecordAsync(
                new AuditRecord(entry.School.Value, entry.Student.Value, shownTo, Role.Swv.ToString(), audience.SwvId, "read-swv-digest", "Genoemd in het SWV-overzicht"),
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var title = kind switch
        {
            DigestKind.Overleg => $"Overzicht voor het 8-wekelijks overleg RBL–SWV · {audience.SwvName}",
            DigestKind.Weekly => $"Weekoverzicht thuiszitters en verzuim · {audience.SwvName}",
            _ => audience.School is { } one ? $"Overzicht {audiences.SchoolName(one)}" : $"Overzicht thuiszitters en verzuim · {audience.SwvName}",
        };
        var labels = new DigestCardLabels(title, DigestId(audience, digest.Now, digest.Since))
        {
            Student = id => names.GetValueOrDefault(id) ?? "leerling " + id.Value,
            School = id => audiences.SchoolName(id.Value),
        };
        return new ComposedDigest(digest, JsonNodeCard.From(cards.Render(DigestCardData.Template, DigestCardData.Build(digest, labels))));
    }

    /// <summary>
    /// What the card's buttons send back: SWV, moment, "since" and the one school of a school overview. Only a
    /// pointer: the presser's own scope is checked again when it comes back.
    /// </summary>
    public static string DigestId(SwvAudience audience, DateTimeOffset now, DateTimeOffset? since) => string.Join(
        '|',
        audience.SwvId,
        now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        since?.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
        audience.School ?? AllSchools);

    /// <summary>Reads <see cref="DigestId"/>; null when it is not one.</summary>
    public static (string SwvId, DateTimeOffset Now, DateTimeOffset? Since, string? School)? ParseDigestId(string? id)
    {
        var parts = id?.Split('|') ?? [];
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        long sinceSeconds = 0;
        if (parts.Length != 4 || !long.TryParse(parts[1], invariant, out var now) || now <= 0
            || (parts[2] != "-" && !long.TryParse(parts[2], invariant, out sinceSeconds)))
        {
            return null;
        }

        DateTimeOffset? since = parts[2] == "-" ? null : DateTimeOffset.FromUnixTimeSeconds(sinceSeconds);
        return (parts[0], DateTimeOffset.FromUnixTimeSeconds(now), since, parts[3] == AllSchools ? null : parts[3]);
    }
}
