using System.Globalization;
using System.Text;
using System.Text.Json;
using VerzuimBot.Access.Authorization;
using VerzuimBot.Access.Roster;
using VerzuimBot.Access.Tenants;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Storage;

namespace VerzuimBot.Protocol.Students;

/// <summary>A student on a school's roster (the names stay in <see cref="Details"/>; logs carry only <see cref="Id"/>).</summary>
internal sealed record StudentRecord(string SchoolId, StudentId Id, RosterStudentDetails Details)
{
    /// <summary>"Daan de Vries (2b)": how staff recognise a student on a card.</summary>
    public string Label => $"{Details.DisplayName} ({Details.Klas})";
}

/// <summary>
/// Finds students on the rosters of the schools where the acting person works: by leerlingnummer,
/// or by (part of) the name, optionally with the klas ("Daan 2b"). Students who left are not offered, nor students
/// the person's school roles do not reach (a mentor finds only their own mentees): "not yours" reads as "not found"
/// (issue 19 item 2).
/// </summary>
internal sealed class StudentDirectory(RosterStore roster, StudentIds ids)
{
    /// <summary>
    /// The student's roster entry as this turn read it, as text for a dialog to keep until its last answer (it holds the
    /// child's name, as the dialog's state already does). <see cref="Resume"/> makes it the entry of that later turn
    /// without reading it again; the write that follows then requires it unchanged, so a roster changed meanwhile is noticed.
    /// </summary>
    public async Task<string?> KeepAsync(StudentRecord student, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(student);
        var entry = await roster.FindEntryAsync(student.SchoolId, student.Id.Value, cancellationToken).ConfigureAwait(false);
        return entry is null ? null : JsonSerializer.Serialize(entry);
    }

    /// <summary>The student kept by <see cref="KeepAsync"/>; null when the text is not such an entry.</summary>
    public static StudentRecord? Resume(string kept)
    {
        if (string.IsNullOrEmpty(kept) || JsonSerializer.Deserialize<RosterEntry>(kept) is not { } entry || RosterStudentDetails.FromEnvelope(entry.Student.Details) is not { } details)
        {
            return null;
        }

        RosterStore.Recall(entry);
        return new StudentRecord(entry.Student.SchoolId, new StudentId(entry.Student.StudentId), details);
    }

    public async Task<StudentRecord?> GetAsync(string schoolId, string studentId, CancellationToken cancellationToken)
    {
        var stored = await roster.FindStudentAsync(schoolId, studentId, cancellationToken).ConfigureAwait(false);
        return stored is not null && RosterStudentDetails.FromEnvelope(stored.Details) is { } details
            ? new StudentRecord(stored.SchoolId, new StudentId(stored.StudentId), details)
            : null;
    }

    /// <summary>
    /// One student for a form card: the single match, or the Dutch problem to show on the form again (with the
    /// candidates to choose from when several match).
    /// </summary>
    public async Task<(StudentRecord? Student, string? Problem, IReadOnlyList<StudentRecord> Choices)> FindForFormAsync(AccessActor actor, string query, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var found = await SearchAsync(actor, query, now, cancellationToken).ConfigureAwait(false);
        return found.Count switch
        {
            0 => (null, "Ik vind geen leerling met die naam of dat leerlingnummer op jouw school. Controleer de spelling of gebruik het leerlingnummer.", []),
            1 => (found[0], null, []),
            _ => (null, $"Er zijn {found.Count} leerlingen die passen. Kies de juiste.", found),
        };
    }

    public async Task<IReadOnlyList<StudentRecord>> SearchAsync(AccessActor actor, string query, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var words = Fold(query).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return [];
        }

        var schools = actor.Grants.Where(g => g.IsValidAt(now) && g.OrganisationKind == OrganisationKind.School).Select(g => g.OrganisationId).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        // An exact leerlingnummer wins anyway: find it with one point read per school (the id is derived
        // from it) instead of reading the whole roster, which costs tens of ms per turn on a big school.
        if (words.Length == 1)
        {
            var exactByKey = new List<StudentRecord>();
            foreach (var school in schools)
            {
                if (await GetAsync(school, ids.For(new SchoolId(school), words[0]).Value, cancellationToken).ConfigureAwait(false) is { Details.VertrokkenOp: null } found
                    && Fold(found.Details.Leerlingnummer) == words[0])
                {
                    exactByKey.Add(found);
                }
            }

            exactByKey = exactByKey.Where(s => Reaches(actor, s, now)).ToList();
            if (exactByKey.Count > 0)
            {
                return exactByKey.OrderBy(m => m.Details.Achternaam, StringComparer.CurrentCulture).ThenBy(m => m.Details.Roepnaam, StringComparer.CurrentCulture).Take(10).ToList();
            }
        }

        var matches = new List<StudentRecord>();
        foreach (var school in schools)
        {
            foreach (var stored in await roster.ListStudentsAsync(school, cancellationToken).ConfigureAwait(false))
            {
                if (RosterStudentDetails.FromEnvelope(stored.Details) is { VertrokkenOp: null } details && Matches(details, words)
                    && new StudentRecord(stored.SchoolId, new StudentId(stored.StudentId), details) is var match && Reaches(actor, match, now))
                {
                    matches.Add(match);
                }
            }
        }

        // An exact leerlingnummer wins over name matches that happen to contain the digits.
        var exact = matches.Where(m => words.Length == 1 && m.Details.Leerlingnummer == words[0]).ToList();
        return (exact.Count > 0 ? exact : matches).OrderBy(m => m.Details.Achternaam, StringComparer.CurrentCulture).ThenBy(m => m.Details.Roepnaam, StringComparer.CurrentCulture).Take(10).ToList();
    }

    /// <summary>The person's school roles reach this student (roster only: school roles do not depend on the dossier).</summary>
    private static bool Reaches(AccessActor actor, StudentRecord student, DateTimeOffset now) =>
        AccessPolicy.ReachesAtOwnSchool(actor, StudentContextFactory.Create(student.SchoolId, student.Id.Value, student.Details, []), now);

    private static bool Matches(RosterStudentDetails student, string[] words)
    {
        var name = Fold(student.DisplayName);
        var klas = Fold(student.Klas);
        return words.All(w => w == Fold(student.Leerlingnummer) || w == klas || name.Split(' ').Any(part => part.StartsWith(w, StringComparison.Ordinal)) || (w.Length >= 3 && name.Contains(w, StringComparison.Ordinal)));
    }

    /// <summary>Lower case without diacritics, so "Zoë" is found as "zoe".</summary>
    private static string Fold(string text)
    {
        var decomposed = text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark))
        {
            builder.Append(c);
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
