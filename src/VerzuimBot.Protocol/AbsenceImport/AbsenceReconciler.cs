using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using EventId = VerzuimBot.Domain.Identity.EventId;

namespace VerzuimBot.Protocol.AbsenceImport;

/// <summary>
/// Brings a student's dossier in line with the school system's registrations (issue 22 item 2), never by overwriting:
/// <list type="bullet">
/// <item>A fact already in the dossier with the same content stays (the same file twice changes nothing).</item>
/// <item>An imported fact that the registrations no longer give (changed or deleted in the school system) is retracted
/// (the herstel event), and the fact as it now is gets a new event.</item>
/// <item>A chat fact of the same student, kind and day (for periods: a day in common) is matched. When it says exactly what the
/// import says it stays and stands for the registration ("adopted": nothing twice, nothing sent again); otherwise the import
/// wins: the chat fact is retracted with the reason "dubbel met het schoolsysteem" and the imported fact takes its place
/// (and its moment, when that was earlier). A chat fact about days after the export's last day is left alone: the export
/// cannot know of it yet.</item>
/// </list>
/// Pure: the dossier's events in, the events to record out.
/// </summary>
internal static class AbsenceReconciler
{
    public static ReconcilePlan Plan(
        IReadOnlyList<ImportedFact> desired, IReadOnlyList<DossierEvent> stored, IReadOnlySet<string> adoptedBefore, SchoolYear year, DateOnly asOf, DateTimeOffset now, Actor actor, string source)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(stored);
        var retracted = stored.OfType<EventRetracted>().Select(r => r.Retracted.Value).ToHashSet(StringComparer.Ordinal);
        var allIds = stored.Select(e => e.Id.Value).ToHashSet(StringComparer.Ordinal);
        var effective = stored.Where(e => e is not EventRetracted && !retracted.Contains(e.Id.Value)).ToList();
        var imported = effective.Where(IsImported).ToList();
        var chat = effective.Where(e => !IsImported(e) && Key(e) is not null).ToList();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var adopted = new HashSet<string>(StringComparer.Ordinal);
        var appended = new List<(ImportedFact Fact, List<DossierEvent> Events)>();
        int kept = 0, adoptedFacts = 0;

        foreach (var fact in desired)
        {
            if (fact.Kind == AbsenceKind.Verlof)
            {
                var request = (ExtraVerlofRequested)fact.Events[0];
                var match = imported.Concat(chat).OfType<ExtraVerlofRequested>()
                    .Where(r => !used.Contains(r.Id.Value) && r.First == request.First && r.Last == request.Last)
                    .Select(r => (Request: r, Decision: effective.OfType<ExtraVerlofDecided>().LastOrDefault(d => d.Request == r.Id)))
                    .FirstOrDefault(m => m.Decision is { Granted: true });
                if (match.Request is not null)
                {
                    Use(match.Request, match.Decision!);
                    continue;
                }

                var id = NextId(request.Id.Value);
                appended.Add((fact, [request with { Id = new EventId(id) }, ((ExtraVerlofDecided)fact.Events[1]) with { Id = new EventId(id + "-toegekend"), Request = new EventId(id) }]));
                continue;
            }

            var missing = new List<DossierEvent>();
            var found = 0;
            foreach (var fresh in fact.Events)
            {
                var key = Key(fresh);
                var match = imported.FirstOrDefault(e => !used.Contains(e.Id.Value) && Key(e) == key) ?? chat.FirstOrDefault(e => !used.Contains(e.Id.Value) && Key(e) == key);
                if (match is null)
                {
                    missing.Add(fresh with { Id = new EventId(NextId(fresh.Id.Value)) });
                }
                else
                {
                    Use(match);
                    found++;
                }
            }

            if (missing.Count > 0)
            {
                appended.Add((fact, missing));
            }
            else if (found > 0)
            {
                kept++;
            }
        }

        var retractions = new List<(DossierEvent Target, string Reason)>();
        foreach (var stale in imported.Where(e => !used.Contains(e.Id.Value) && InYear(e, effective, year)))
        {
            retractions.Add((stale, $"Gewijzigd of verwijderd in het schoolsysteem ({source})."));
        }

        foreach (var gone in effective.Where(e => adoptedBefore.Contains(e.Id.Value) && !used.Contains(e.Id.Value)))
        {
            retractions.Add((gone, $"Stond voor een registratie in het schoolsysteem die gewijzigd of verwijderd is ({source})."));
        }

        // The chat facts the import replaces, and the earliest moment among them per imported fact.
        var earliest = new Dictionary<ImportedFact, DateTimeOffset>();
        foreach (var (fact, _) in appended)
        {
            foreach (var twin in ChatTwins(fact, chat, effective, asOf).Where(e => !used.Contains(e.Id.Value) && retractions.All(r => r.Target.Id != e.Id)))
            {
                retractions.Add((twin, $"Dubbel met het schoolsysteem: de registratie daar telt ({source})."));
                earliest[fact] = earliest.TryGetValue(fact, out var at) && at < twin.RecordedAt ? at : twin.RecordedAt;
            }
        }

        // Chat twins of facts that were already imported (a chat fact typed after the last import).
        foreach (var fact in desired.Where(f => appended.All(a => a.Fact != f)))
        {
            foreach (var twin in ChatTwins(fact, chat, effective, asOf).Where(e => !used.Contains(e.Id.Value) && retractions.All(r => r.Target.Id != e.Id)))
            {
                retractions.Add((twin, $"Dubbel met het schoolsysteem: de registratie daar telt ({source})."));
            }
        }

        var events = new List<DossierEvent>();
        foreach (var (target, reason) in retractions)
        {
            events.Add(new EventRetracted(new EventId(NextId(AbsenceFacts.IdPrefix + "herstel-" + AbsenceRegistration.Hash(target.Id.Value + "|" + source))), now, actor, target.Id, reason));
        }

        foreach (var (fact, list) in appended)
        {
            events.AddRange(list.Select(e => earliest.TryGetValue(fact, out var at) && at < e.RecordedAt && e is not BeterMeldingRecorded ? e with { RecordedAt = at } : e));
        }

        return new ReconcilePlan(
            events,
            appended.Count,
            kept,
            adoptedFacts,
            retractions.Count(r => IsImported(r.Target) || adoptedBefore.Contains(r.Target.Id.Value)),
            retractions.Count(r => !IsImported(r.Target) && !adoptedBefore.Contains(r.Target.Id.Value)),
            adopted);

        void Use(params DossierEvent[] events)
        {
            foreach (var e in events)
            {
                used.Add(e.Id.Value);
                if (!IsImported(e))
                {
                    adopted.Add(e.Id.Value);
                }
            }

            if (events.Any(e => !IsImported(e)))
            {
                adoptedFacts++;
            }
        }

        string NextId(string baseId)
        {
            // An id once retracted cannot count again (retractions are final): a fact that comes back gets the next generation.
            var id = baseId;
            for (var generation = 2; allIds.Contains(id); generation++)
            {
                id = $"{baseId}-{generation}";
            }

            allIds.Add(id);
            return id;
        }
    }

    public static bool IsImported(DossierEvent fact) => fact.Id.Value.StartsWith(AbsenceFacts.IdPrefix, StringComparison.Ordinal);

    /// <summary>What an event says for the comparison with an imported one (its id, moment and author aside); null for kinds the import never writes.</summary>
    private static string? Key(DossierEvent fact) => fact switch
    {
        UnauthorisedHoursRecorded u => $"uren|{u.Date}|{u.Hours}",
        LateArrivalRecorded l => $"te-laat|{l.Date}",
        AuthorisedAbsenceRecorded a => $"geoorloofd|{a.First}|{a.Last}|{a.Reason}|{a.Hours}",
        ZiekmeldingRecorded z => $"ziek|{z.FirstDay}",
        BeterMeldingRecorded b => $"beter|{b.BackOn}",
        SchorsingRecorded s => $"schorsing|{s.First}|{s.Last}",
        ExtraVerlofRequested r => $"verlof|{r.First}|{r.Last}",
        ExtraVerlofDecided d => $"verlof-besluit|{d.Request}|{d.Granted}",
        _ => null,
    };

    /// <summary>
    /// The chat facts of the same kind that share a day with the imported fact (before the export's last day). For ziek, the
    /// chat sick period's ziekmelding and the beter-melding that ended it.
    /// </summary>
    private static IEnumerable<DossierEvent> ChatTwins(ImportedFact fact, List<DossierEvent> chat, List<DossierEvent> effective, DateOnly asOf)
    {
        bool Overlaps(DateOnly first, DateOnly last) => first <= fact.Last && last >= fact.First && first <= asOf;
        return fact.Kind switch
        {
            AbsenceKind.Ongeoorloofd => chat.OfType<UnauthorisedHoursRecorded>().Where(u => Overlaps(u.Date, u.Date)),
            AbsenceKind.TeLaat => chat.OfType<LateArrivalRecorded>().Where(l => Overlaps(l.Date, l.Date)),
            AbsenceKind.Geoorloofd => chat.OfType<AuthorisedAbsenceRecorded>().Where(a => Overlaps(a.First, a.Last)),
            AbsenceKind.Schorsing => chat.OfType<SchorsingRecorded>().Where(s => Overlaps(s.First, s.Last)),
            AbsenceKind.Verlof => chat.OfType<ExtraVerlofRequested>().Where(r => Overlaps(r.First, r.Last)),
            AbsenceKind.Ziek => SickPeriods(effective)
                .Where(p => !IsImported(p.Start) && Overlaps(p.Start.FirstDay, p.End is { } end ? end.BackOn.AddDays(-1) : DateOnly.MaxValue))
                .SelectMany(p => p.End is { } end && !IsImported(end) && end.BackOn <= asOf ? new DossierEvent[] { p.Start, end } : [p.Start])
                // A chat beter-melding inside the run says the student was back while the school system says sick: the import wins.
                .Concat(chat.OfType<BeterMeldingRecorded>().Where(b => b.BackOn > fact.First && b.BackOn <= fact.Last && b.BackOn <= asOf))
                .Distinct(),
            _ => [],
        };
    }

    /// <summary>The sick periods as the dossier builds them: in recording order, a beter-melding ends the open ziekmelding.</summary>
    private static List<(ZiekmeldingRecorded Start, BeterMeldingRecorded? End)> SickPeriods(List<DossierEvent> effective)
    {
        var periods = new List<(ZiekmeldingRecorded, BeterMeldingRecorded?)>();
        ZiekmeldingRecorded? open = null;
        foreach (var fact in effective.OrderBy(e => e.RecordedAt))
        {
            if (fact is ZiekmeldingRecorded z)
            {
                open ??= z;
            }
            else if (fact is BeterMeldingRecorded b && open is not null)
            {
                periods.Add((open, b));
                open = null;
            }
        }

        if (open is not null)
        {
            periods.Add((open, null));
        }

        return periods;
    }

    /// <summary>Whether an imported event is about this school year (a verlof decision goes with its request).</summary>
    private static bool InYear(DossierEvent fact, List<DossierEvent> effective, SchoolYear year)
    {
        DateOnly? day = fact switch
        {
            UnauthorisedHoursRecorded u => u.Date,
            LateArrivalRecorded l => l.Date,
            AuthorisedAbsenceRecorded a => a.First,
            ZiekmeldingRecorded z => z.FirstDay,
            BeterMeldingRecorded b => b.BackOn.AddDays(-1),
            SchorsingRecorded s => s.First,
            ExtraVerlofRequested r => r.First,
            ExtraVerlofDecided d => effective.OfType<ExtraVerlofRequested>().FirstOrDefault(r => r.Id == d.Request)?.First,
            _ => null,
        };
        return day is { } date && date >= year.First && date <= year.Last;
    }
}

/// <summary>
/// What to record for one student: retractions first, then the new facts in the order they happened. The counts are of facts
/// (a sick period is one fact): new, unchanged, chat facts adopted, imported facts retracted (corrections), chat facts replaced.
/// </summary>
internal sealed record ReconcilePlan(IReadOnlyList<DossierEvent> Events, int NewFacts, int UnchangedFacts, int AdoptedFacts, int Corrections, int ChatReplaced, IReadOnlySet<string> Adopted)
{
    public bool HasChanges => Events.Count > 0;
}
