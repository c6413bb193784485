using System.Globalization;
using VerzuimBot.Connector.Dialogs;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Protocol.SickAbsence;
using System.Text.RegularExpressions;
using VerzuimBot.Protocol.Schools;
using VerzuimBot.Protocol.Staff;
using VerzuimBot.Staff;

namespace VerzuimBot.SickRoute;

/// <summary>
/// Stap 1 by chat ("ziekmelding", "ziek Daan", "ziek 123456", and from an earlier day in one line: "ziek Daan vanaf
/// 19-10-2026", "ziek 123456 sinds maandag"): find the student, ask the protocol's two questions word for word, confirm,
/// store. A dialog of <see cref="DialogRunner"/>: the state is kept per conversation and user, so a restart mid-dialog
/// loses nothing; "stop" ends it without storing.
/// </summary>
internal sealed partial class ZiekmeldingDialog(ActingStaff acting, StudentDirectory students, SickAbsenceService sick, SchoolProtocols protocols, TimeProvider time) : IDialog
{
    public const string DialogId = "ziekmelding";
    public const string AskStudent = "Welke leerling is ziek? Typ de naam of het leerlingnummer. (Typ stop om te stoppen.)";
    public const string QuestionReturn = "Wanneer denkt u dat uw kind weer naar school kan komen?";
    public const string QuestionMentor = "Als dat toch niet lukt, wilt u dan zelf contact opnemen met de mentor?";

    private enum Step
    {
        Search = 0,
        Choose,
        Return,
        Mentor,
        Confirm,
    }

    public string Id => DialogId;

    /// <summary>
    /// "Daan vanaf 19-10-2026" → ("Daan", "19-10-2026"): the student and the typed first day, so the date is never read as part
    /// of the name. Without "vanaf", "sinds" or "per" the whole text is the student and the first day is today.
    /// </summary>
    public static (string Query, string? Since) SplitSince(string text)
    {
        var match = Since().Match(text);
        return match.Success ? (match.Groups["wie"].Value.Trim(), match.Groups["wanneer"].Value.Trim()) : (text.Trim(), null);
    }

    /// <summary>
    /// The first step, for <see cref="DialogRunner.BeginAsync"/>: ask for the student, or look up the one typed with the command.
    /// A first day typed with it (<paramref name="since"/>) is checked at once against the school's calendar, and again
    /// against the chosen student's enrolment.
    /// </summary>
    public async Task<DialogStep> BeginAsync(StaffMember staff, string? query, string? since, CancellationToken cancellationToken)
    {
        var answers = new Dictionary<string, string>();
        var start = new DialogState(DialogId, (int)Step.Search, answers);
        if (since is not null)
        {
            var school = staff.Actor.Grants.FirstOrDefault(g => g.OrganisationKind == Access.Tenants.OrganisationKind.School)?.OrganisationId;
            if (school is not null && FirstDayProblem(school, null, since, query) is { } problem)
            {
                return DialogStep.End(problem);
            }

            answers["sinds"] = since;
        }

        if (string.IsNullOrWhiteSpace(query))
        {
            return DialogStep.Ask(AskStudent, start);
        }

        // A search that finds nobody still starts the dialog: the next message is the next try.
        var step = await StepAsync(staff, query, start, cancellationToken).ConfigureAwait(false);
        return step.Next is null && !step.Ends ? DialogStep.Ask(step.Reply!, start) : step;
    }

    public async Task<DialogStep> ContinueAsync(DialogTurn turn, DialogState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var resolved = await acting.ResolveAsync(turn.Activity, cancellationToken).ConfigureAwait(false);
        return resolved.Member is { } staff
            ? await StepAsync(staff, turn.Text, state, cancellationToken).ConfigureAwait(false)
            : DialogStep.Stay(resolved.Refusal!);
    }

    private async Task<DialogStep> StepAsync(StaffMember staff, string text, DialogState state, CancellationToken cancellationToken)
    {
        var answers = new Dictionary<string, string>(state.Answers);
        var today = SchoolClock.Today(time);
        switch ((Step)state.Step)
        {
            case Step.Search:
                var (name, since) = SplitSince(text);
                if (since is not null)
                {
                    answers["sinds"] = since;
                }

                var found = await students.SearchAsync(staff.Actor, name, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                if (found.Count == 0)
                {
                    return DialogStep.Stay("Ik vind geen leerling met die naam of dat leerlingnummer op jouw school. Probeer het opnieuw met een andere spelling of het leerlingnummer (of typ stop).");
                }

                if (found.Count > 1)
                {
                    answers["kandidaten"] = string.Join(';', found.Select(f => $"{f.SchoolId}|{f.Id.Value}"));
                    return DialogStep.Ask(
                        "Er zijn meer leerlingen die passen:\n" + string.Join('\n', found.Select((f, i) => $"{i + 1}. {f.Label}")) + "\nTyp het nummer van de juiste leerling.",
                        state with { Step = (int)Step.Choose, Answers = answers });
                }

                return await ChosenAsync(staff, found[0], answers, cancellationToken).ConfigureAwait(false);

            case Step.Choose:
                var candidates = answers.GetValueOrDefault("kandidaten", string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries);
                if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > candidates.Length)
                {
                    return DialogStep.Stay($"Typ een nummer van 1 tot en met {candidates.Length}.");
                }

                var parts = candidates[number - 1].Split('|');
                var chosen = await students.GetAsync(parts[0], parts[1], cancellationToken).ConfigureAwait(false);
                return chosen is null
                    ? DialogStep.Stay("Die leerling staat niet meer op de leerlingenlijst. Typ een andere naam (of stop).")
                    : await ChosenAsync(staff, chosen, answers, cancellationToken).ConfigureAwait(false);

            case Step.Return:
                var parsed = DutchDateParser.Parse(text, today);
                if (parsed.Kind == DateAnswerKind.Invalid)
                {
                    return DialogStep.Stay($"{parsed.Problem} {QuestionReturn} (bijv. maandag, 12-1, over 3 dagen of weet ik niet)");
                }

                if (parsed.Date is { } back && back <= today)
                {
                    return DialogStep.Stay($"Die dag is al begonnen of voorbij. {QuestionReturn}");
                }

                answers["terug"] = parsed.Date is { } d ? DutchDates.IsoDate(d) : string.Empty;
                var remark = ReturnRemark(answers);
                return DialogStep.Ask($"{(remark is null ? string.Empty : $"Verwacht terug {DutchDates.LongDate(parsed.Date!.Value)}: {remark}. ")}{QuestionMentor} (ja/nee)", state with { Step = (int)Step.Mentor, Answers = answers });

            case Step.Mentor:
                if (YesNo(text) is not { } yes)
                {
                    return DialogStep.Stay($"Antwoord met ja of nee. {QuestionMentor}");
                }

                answers["mentor"] = yes ? "ja" : "nee";
                var expected = answers["terug"].Length == 0 ? "onbekend" : DutchDates.LongDate(Iso(answers["terug"]));
                return DialogStep.Ask(
                    $"Klopt dit? {answers["label"]} is ziek vanaf {DutchDates.LongDate(FirstDay(answers, today))}; verwacht terug: {expected}; ouder neemt zelf contact op met de mentor: {answers["mentor"]}. (ja/nee)",
                    state with { Step = (int)Step.Confirm, Answers = answers });

            default:
                if (YesNo(text) is not { } confirmed)
                {
                    return DialogStep.Stay("Antwoord met ja (opslaan) of nee (niet opslaan).");
                }

                if (!confirmed)
                {
                    return DialogStep.End("Niets opgeslagen. Begin opnieuw met \"ziekmelding\".");
                }

                // The dialog is over before the ziekmelding is stored, so a "ja" sent twice never stores it twice. The student
                // is the roster entry kept when chosen (not read again): the write requires it unchanged since.
                return DialogStep.EndThen(async ct =>
                {
                    var student = answers.TryGetValue("roster", out var kept) && StudentDirectory.Resume(kept) is { } resumed
                        ? resumed
                        : await students.GetAsync(answers["school"], answers["student"], ct).ConfigureAwait(false);
                    if (student is null)
                    {
                        return SickAbsenceService.StudentLeftRoster;
                    }

                    var returnDate = answers["terug"].Length == 0 ? (DateOnly?)null : Iso(answers["terug"]);
                    var outcome = await sick.ReportSickAsync(staff, student, FirstDay(answers, today), returnDate, answers["mentor"] == "ja", ct).ConfigureAwait(false);
                    return outcome.Stored && ReturnRemark(answers) is { } noSchool ? $"{outcome.Message} Let op, de verwachte terugkeer ({DutchDates.LongDate(returnDate!.Value)}): {noSchool}." : outcome.Message;
                });
        }
    }

    private async Task<DialogStep> ChosenAsync(StaffMember staff, StudentRecord student, Dictionary<string, string> answers, CancellationToken cancellationToken)
    {
        if (await sick.RefusalToReportAsync(staff, student, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return DialogStep.End(refusal);
        }

        if (answers.TryGetValue("sinds", out var since))
        {
            // The same check as at the start, now also against the chosen student's enrolment.
            if (FirstDayProblem(student.SchoolId, student, since, student.Details.Leerlingnummer) is { } problem)
            {
                return DialogStep.End(problem);
            }

            answers["eerste"] = DutchDates.IsoDate(StartOf(student.SchoolId, student, since).Date!.Value);
            answers.Remove("sinds");
        }

        answers["school"] = student.SchoolId;
        answers["student"] = student.Id.Value;
        answers["label"] = student.Label;
        if (await students.KeepAsync(student, cancellationToken).ConfigureAwait(false) is { } kept)
        {
            answers["roster"] = kept;
        }

        answers.Remove("kandidaten");
        var from = answers.TryGetValue("eerste", out var first) ? $" Ziek vanaf {DutchDates.LongDate(Iso(first))}." : string.Empty;
        return DialogStep.Ask($"{student.Label}.{from} {QuestionReturn} (bijv. maandag, 12-1, over 3 dagen of weet ik niet)", new DialogState(DialogId, (int)Step.Return, answers));
    }

    /// <summary>Why the typed first day cannot be used, with the nearest school day as a ready command; null when it can.</summary>
    private string? FirstDayProblem(string schoolId, StudentRecord? student, string since, string? query)
    {
        var answer = StartOf(schoolId, student, since);
        if (answer.Problem is null)
        {
            return null;
        }

        var who = string.IsNullOrWhiteSpace(query) ? "<leerling>" : query.Trim();
        var hint = answer.Nearest is { } nearest
            ? $" De dichtstbijzijnde schooldag die kan is {DutchDates.LongDate(nearest)}: typ bijvoorbeeld \"ziek {who} vanaf {DutchDates.ShortDate(nearest)}\"."
            : string.Empty;
        return $"{answer.Problem}{hint} Er is niets opgeslagen.";
    }

    /// <summary>
    /// The first day typed, held against the school's calendar: a school day, not in the future, not before the school year, the
    /// student's enrolment or <see cref="SickAbsenceService.MaxDaysBack"/> days ago.
    /// </summary>
    private StartOfAbsence StartOf(string schoolId, StudentRecord? student, string since)
    {
        var today = SchoolClock.Today(time);
        var calendar = protocols.For(schoolId).Calendar;
        var earliest = new List<EarliestDay>
        {
            new(today.AddDays(-SickAbsenceService.MaxDaysBack), $"{SickAbsenceService.MaxDaysBack} dagen geleden"),
        };
        if (calendar.Knows(SchoolYear.Of(today).First))
        {
            earliest.Add(new EarliestDay(calendar.FirstSchoolDay(SchoolYear.Of(today)), "het begin van het schooljaar"));
        }

        if (student?.Details.Inschrijfdatum is { } enrolled)
        {
            earliest.Add(new EarliestDay(enrolled, "de inschrijving van de leerling"));
        }

        return SchoolDayAnswers.StartOf(since, today, calendar, earliest);
    }

    private string? ReturnRemark(Dictionary<string, string> answers) =>
        answers.GetValueOrDefault("terug", string.Empty).Length > 0 && answers.TryGetValue("school", out var school)
            ? SchoolDayAnswers.ReturnRemark(Iso(answers["terug"]), protocols.For(school).Calendar)
            : null;

    private static DateOnly FirstDay(Dictionary<string, string> answers, DateOnly today) =>
        answers.TryGetValue("eerste", out var first) ? Iso(first) : today;

    private static DateOnly Iso(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<wie>.*?)\s*\b(?:vanaf|sinds|per)\s+(?<wanneer>\S.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Since();

    private static bool? YesNo(string text) => text.Trim().ToLowerInvariant().TrimEnd('.', '!') switch
    {
        "ja" or "j" or "yes" or "klopt" => true,
        "nee" or "n" or "no" => false,
        _ => null,
    };
}
