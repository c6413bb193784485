using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using VerzuimBot.Access.Audit;
using VerzuimBot.Access.Authorization;
using VerzuimBot.Access.Roster;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using DossierEvent = VerzuimBot.Domain.Dossier.DossierEvent;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Leerplicht;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Protocol.Dossiers;
using VerzuimBot.Protocol.Schools;
using VerzuimBot.Protocol.Tasks;
using VerzuimBot.Storage;
using DueTask = VerzuimBot.Domain.Rules.DueTask;

namespace VerzuimBot.Protocol.AbsenceImport;

/// <summary>
/// Imports a school's absence registrations (issue 22): the file is read and checked whole first (nothing is written while
/// any row is refused, unless "good rows only"); then per student the registrations as the school system now holds them
/// (the earlier imports' ledger with this file's period replaced) become dossier facts, reconciled with what the dossier holds
/// (<see cref="AbsenceReconciler"/>) and recorded through the same write path as a chat fact
/// (<see cref="DossierService.RecordManyAsync"/>: the rules engine, the tasks). Each changed dossier gets an audit line naming
/// the source file (name and SHA-256, never its content). Running the same file again changes nothing.
/// </summary>
internal sealed class AbsenceImporter(
    DossierService dossiers, DossierStore store, AbsenceRegistrationStore ledgers, RosterStore roster, SchoolProtocols protocols, AuditTrail audit,
    SweepTrigger sweep, AbsenceImportOptions options, TimeProvider time, ILogger<AbsenceImporter> logger)
{
    /// <summary>How many students are brought up to date at once.</summary>
    private const int ParallelStudents = 4;

    private const string LedgerType = "absence-ledger-v1";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<AbsenceImportReport> ImportAsync(AbsenceImportRequest request, IProgress<AbsenceImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.SchoolId);
        var hash = Convert.ToHexStringLower(SHA256.HashData(request.Content));
        var fileName = Path.GetFileName(request.FileName);
        AbsenceImportReport Refused(params AbsenceProblem[] problems) => new(fileName, hash, 0, 0, 0, 0, 0, 0, problems, Imported: false);
        if (request.Content.Length > options.MaxFileBytes)
        {
            return Refused(new AbsenceProblem(0, "bestand", $"het bestand is {Megabytes(request.Content.Length)} MB; meer dan {Megabytes(options.MaxFileBytes)} MB lees ik niet. Exporteer een kortere periode."));
        }

        TabularFile file;
        try
        {
            file = TabularFile.Read(request.Content, options.MaxRows);
        }
        catch (FormatException exception)
        {
            return Refused(new AbsenceProblem(1, "bestand", exception.Message));
        }

        if (file.TooManyRows)
        {
            return Refused(new AbsenceProblem(0, "bestand", $"het bestand heeft meer dan {options.MaxRows} rijen. Exporteer een kortere periode."));
        }

        var protocol = protocols.For(request.SchoolId);
        var now = time.GetUtcNow();
        var today = SchoolClock.LocalDate(now);
        var perDay = protocol.Profile.Unauthorised.LessonHoursPerSchoolDay;
        var students = (await roster.ListStudentsAsync(request.SchoolId, cancellationToken).ConfigureAwait(false))
            .Select(s => (s.StudentId, Details: RosterStudentDetails.FromEnvelope(s.Details)))
            .Where(s => s.Details is not null)
            .GroupBy(s => s.Details!.Leerlingnummer, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Id: new StudentId(g.First().StudentId), Details: g.First().Details!), StringComparer.Ordinal);
        var parsed = AbsenceFileParser.Parse(file, request.Mapping, protocol.Calendar, today, students.ContainsKey, perDay);
        progress?.Report(new AbsenceImportProgress("lezen", parsed.RowsRead, parsed.RowsRead));
        if (parsed.Problems.Count > 0)
        {
            // Row numbers and fields only: the messages quote leerlingnummers.
            logger.LogWarning("Absence import for school {SchoolId}: {BadRows} bad rows of {Rows} (first rows {FirstRows}), fields {Fields}",
                request.SchoolId, parsed.BadRows, parsed.RowsRead, string.Join(",", parsed.Problems.Select(p => p.Row).Distinct().Take(10)), string.Join(",", parsed.Problems.Select(p => p.Field).Distinct()));
            if (!request.GoodRowsOnly || parsed.Registrations.Count == 0)
            {
                return new AbsenceImportReport(fileName, hash, parsed.RowsRead, 0, 0, 0, 0, parsed.Ignored, parsed.Problems, Imported: false);
            }
        }

        var year = SchoolYear.Of(today);
        var complete = parsed.Problems.Count == 0;
        var period = parsed.Registrations.Count == 0 ? ((DateOnly First, DateOnly Last)?)null : (parsed.Registrations.Min(r => r.Date), parsed.Registrations.Max(r => r.Date));
        var asOf = period is { } p && p.Last < today ? p.Last : today;
        var source = $"import '{Truncate(fileName, 80)}', sha256 {hash[..16]}";
        var ledger = (await ledgers.ReadYearAsync(request.SchoolId, year.ToString(), cancellationToken).ConfigureAwait(false))
            .ToDictionary(l => l.StudentId, l => LedgerContent.From(l.Registrations), StringComparer.Ordinal);
        var incoming = parsed.Registrations.GroupBy(r => students[r.Leerlingnummer].Id.Value, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var affected = incoming.Keys
            .Concat(complete && period is { } range ? ledger.Where(l => l.Value.Registrations.Any(r => r.Date >= range.First && r.Date <= range.Last)).Select(l => l.Key) : [])
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var byId = students.Values.ToDictionary(s => s.Id.Value, StringComparer.Ordinal);

        var run = new ImportRun(request, protocol, hash, source, year, asOf, now, today, perDay, complete ? period : null, byId, ledger, incoming);
        var outcomes = new ConcurrentBag<StudentOutcome>();
        var done = 0;
        // Students are independent dossiers: a few at a time, so the rules' work overlaps the store's (the embedded store
        // serialises its writes itself).
        await Parallel.ForEachAsync(affected, new ParallelOptions { MaxDegreeOfParallelism = ParallelStudents, CancellationToken = cancellationToken }, async (studentId, token) =>
        {
            outcomes.Add(await ImportStudentAsync(run, studentId, token).ConfigureAwait(false));
            var count = Interlocked.Increment(ref done);
            lock (outcomes)
            {
                progress?.Report(new AbsenceImportProgress("verwerken", count, affected.Count));
            }
        }).ConfigureAwait(false);

        int added = outcomes.Sum(o => o.Added), corrected = outcomes.Sum(o => o.Corrected), unchanged = outcomes.Sum(o => o.Unchanged), changedStudents = outcomes.Count(o => o.Changed);
        var crossings = outcomes.SelectMany(o => o.Crossings).ToList();
        if (!request.DryRun && changedStudents > 0)
        {
            await audit.RecordAsync(
                new AuditRecord(request.SchoolId, null, request.Actor.Staff.Value, RoleNames.Dutch(request.Actor.Role), request.Organisation, "absences-imported",
                    $"Absentie-import uit het schoolsysteem ({source}): {parsed.RowsRead} rijen, {changedStudents} dossiers bijgewerkt"),
                entryId: $"absentie-import-{hash[..24]}-{now.UtcTicks}",
                cancellationToken).ConfigureAwait(false);
            sweep.Now();
        }

        logger.LogInformation(
            "Absence import for school {SchoolId}{DryRun}: {Rows} rows, {New} new, {Corrected} corrected, {Unchanged} unchanged, {BadRows} refused; {Students} dossiers changed",
            request.SchoolId, request.DryRun ? " (dry run)" : string.Empty, parsed.RowsRead, added, corrected, unchanged, parsed.BadRows, changedStudents);
        return new AbsenceImportReport(fileName, hash, parsed.RowsRead, added, corrected, outcomes.Sum(o => o.Deleted), unchanged, parsed.Ignored, parsed.Problems, Imported: true, request.DryRun,
            changedStudents, outcomes.Sum(o => o.FactsAdded), outcomes.Sum(o => o.FactsCorrected), outcomes.Sum(o => o.ChatMatched), crossings.OrderBy(c => c.Klas, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// One student: the registrations as the school system now holds them (the ledger with this file's period, or its rows,
    /// replaced), classified against the ledger, turned into facts, reconciled with the dossier and recorded.
    /// </summary>
    private async Task<StudentOutcome> ImportStudentAsync(ImportRun run, string studentId, CancellationToken cancellationToken)
    {
        var request = run.Request;
        var old = run.Ledger.GetValueOrDefault(studentId) ?? LedgerContent.Empty;
        var fresh = run.Incoming.GetValueOrDefault(studentId) ?? [];
        var freshKeys = fresh.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var oldByKey = old.Registrations.ToDictionary(r => r.Key, StringComparer.Ordinal);
        bool Replaced(LedgerRegistration r) => run.Period is { } range ? r.Date >= range.First && r.Date <= range.Last : freshKeys.Contains(r.Key);
        int added = 0, corrected = 0, unchanged = 0;
        foreach (var registration in fresh)
        {
            if (!oldByKey.TryGetValue(registration.Key, out var known))
            {
                added++;
            }
            else if (known.Hash == registration.ContentHash)
            {
                unchanged++;
            }
            else
            {
                corrected++;
            }
        }

        var gone = old.Registrations.Count(r => Replaced(r) && !freshKeys.Contains(r.Key));
        var merged = old.Registrations.Where(r => !Replaced(r)).Concat(fresh.Select(LedgerRegistration.Of)).OrderBy(r => r.Date).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();

        var student = new StudentId(studentId);
        var details = run.Students.TryGetValue(studentId, out var onRoster) ? onRoster.Details : null;
        var facts = details is null ? StudentFacts.Unknown : new StudentFacts(details.Geboortedatum, details.Startkwalificatie);
        var desired = AbsenceFacts.From(request.SchoolId, student, merged.Select(r => r.ToRegistration()), run.Protocol.Calendar, run.LessonHoursPerSchoolDay, run.AsOf, run.Now, request.Actor);
        var stored = (await store.ReadAsync(request.SchoolId, studentId, cancellationToken).ConfigureAwait(false)).Events
            .Select(e => DossierEventSerializer.Deserialize(e.Event.Payload.Json)).ToList();
        var plan = AbsenceReconciler.Plan(desired, stored, old.Adopted, run.Year, run.AsOf, run.Now, request.Actor, run.Source);
        var matched = plan.ChatReplaced + plan.Adopted.Count(id => !old.Adopted.Contains(id));
        var crossings = new List<ImportCrossing>();
        if (plan.HasChanges)
        {
            var before = run.Protocol.Engine.Evaluate(DossierView.From(student, stored, facts), run.Now);
            IReadOnlyList<DueTask> after = request.DryRun
                ? run.Protocol.Engine.Evaluate(DossierView.From(student, stored.Concat(plan.Events), facts), run.Now)
                : (await dossiers.RecordManyAsync(request.SchoolId, student, plan.Events, cancellationToken).ConfigureAwait(false)).Scheduled;
            if (details is not null)
            {
                crossings.AddRange(Crossings(before, after, run.Protocol, student, details, run.Today));
            }

            if (!request.DryRun)
            {
                await audit.RecordAsync(
                    new AuditRecord(request.SchoolId, studentId, request.Actor.Staff.Value, RoleNames.Dutch(request.Actor.Role), request.Organisation, "absences-imported",
                        $"Absentie-import uit het schoolsysteem ({run.Source}): {plan.NewFacts} nieuw, {plan.Corrections} hersteld, {matched} dubbel met de chat; gebeurtenissen {string.Join(", ", plan.Events.Select(e => e.Id.Value))}"),
                    entryId: $"absentie-import-{run.Hash[..24]}-{studentId}",
                    cancellationToken).ConfigureAwait(false);
            }
        }

        var content = new LedgerContent(merged, plan.Adopted.Order(StringComparer.Ordinal).ToList());
        if (!request.DryRun && !content.SameAs(old))
        {
            await ledgers.SaveAsync(new AbsenceLedger(request.SchoolId, studentId, run.Year.ToString(), content.ToEnvelope()), cancellationToken).ConfigureAwait(false);
        }

        return new StudentOutcome(added, corrected + gone, gone, unchanged, plan.HasChanges, plan.NewFacts, plan.Corrections, matched, crossings);
    }

    /// <summary>
    /// The rungs of the ladder and the legal line (16 uur or 16 keer te laat within 4 lesweken) a student reached by the import,
    /// and four weeks away: tasks due by today that the dossier did not produce before it.
    /// </summary>
    private static IEnumerable<ImportCrossing> Crossings(IReadOnlyList<DueTask> before, IReadOnlyList<DueTask> after, Domain.Rules.SchoolProtocol protocol, StudentId student, RosterStudentDetails details, DateOnly today)
    {
        var known = before.Select(t => t.Id).ToHashSet();
        foreach (var task in after.Where(t => !known.Contains(t.Id) && SchoolClock.LocalDate(t.DueAt) <= today))
        {
            var crossing = task.Kind switch
            {
                TaskKind.LadderRung when !task.Key.IsReminder && LadderRungs.FromTask(task, protocol.Profile) is { } rung =>
                    ($"trede {rung.Threshold} van de verzuimladder", $"Volgende stap: {string.Join("; ", rung.Actions)}."),
                TaskKind.SignaalverzuimMelding when LadderRungs.SignalDay(task) is { } day =>
                    ($"wettelijke grens bereikt ({task.Detail})", $"Volgende stap: melden {LadderRungs.Route(protocol.Profile)}, uiterlijk {ProtocolEngine.SignaalverzuimDeadline(protocol.Calendar, day, protocol.Profile.Unauthorised.ReportWithinWorkingDays).ToString("dd-MM-yyyy", CultureInfo.InvariantCulture)}."),
                TaskKind.LeerplichtJudgement => ("4 weken afwezig", "Volgende stap: leerplicht beoordeelt \"thuiszitter volgens de definitie?\"."),
                _ => ((string, string)?)null,
            };
            if (crossing is { } c)
            {
                yield return new ImportCrossing(student, details.DisplayName, details.Klas, c.Item1, c.Item2);
            }
        }
    }

    /// <summary>What one import shares between its students.</summary>
    private sealed record ImportRun(
        AbsenceImportRequest Request, Domain.Rules.SchoolProtocol Protocol, string Hash, string Source, SchoolYear Year, DateOnly AsOf, DateTimeOffset Now, DateOnly Today, int LessonHoursPerSchoolDay,
        (DateOnly First, DateOnly Last)? Period, IReadOnlyDictionary<string, (StudentId Id, RosterStudentDetails Details)> Students,
        IReadOnlyDictionary<string, LedgerContent> Ledger, IReadOnlyDictionary<string, List<AbsenceRegistration>> Incoming);

    /// <summary>What the import did for one student (registrations of the file; facts in the dossier).</summary>
    private sealed record StudentOutcome(int Added, int Corrected, int Deleted, int Unchanged, bool Changed, int FactsAdded, int FactsCorrected, int ChatMatched, IReadOnlyList<ImportCrossing> Crossings);

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    /// <summary>The ledger row's JSON: the registrations the last imports knew, and the chat facts that stand for some of them.</summary>
    private sealed record LedgerContent(IReadOnlyList<LedgerRegistration> Registrations, IReadOnlyList<string> AdoptedIds)
    {
        public static readonly LedgerContent Empty = new([], []);

        public IReadOnlySet<string> Adopted { get; } = AdoptedIds.ToHashSet(StringComparer.Ordinal);

        public static LedgerContent From(StoredEnvelope envelope) =>
            envelope.Type == LedgerType ? JsonSerializer.Deserialize<LedgerContent>(envelope.Json, Json) ?? Empty : Empty;

        public StoredEnvelope ToEnvelope() => new(LedgerType, JsonSerializer.Serialize(this, Json));

        public bool SameAs(LedgerContent other) => Registrations.SequenceEqual(other.Registrations) && AdoptedIds.SequenceEqual(other.AdoptedIds);
    }

    /// <summary>One registration as the ledger keeps it: key, day, lesuren (null: whole day), meaning and content hash.</summary>
    private sealed record LedgerRegistration(string Key, DateOnly Date, int? Hours, string Meaning, string Hash)
    {
        public static LedgerRegistration Of(AbsenceRegistration r) => new(r.Key, r.Date, r.Hours, r.Meaning.ToString(), r.ContentHash);

        public AbsenceRegistration ToRegistration() => new(0, string.Empty, Key, Date, Hours, AbsenceCodeMeaning.Parse(Meaning)!);
    }
}
