using System.Globalization;
using VerzuimBot.Connector.Dialogs;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Protocol.SickAbsence;
using VerzuimBot.Protocol.Staff;
using VerzuimBot.Staff;

namespace VerzuimBot.SickRoute;

/// <summary>
/// Stap 1 by chat ("ziekmelding", "ziek Daan", "ziek 123456"): find the student, ask the protocol's two
/// questions word for word, confirm, store. A dialog of <see cref="DialogRunner"/>: the state is kept per
/// conversation and user, so a restart mid-dialog loses nothing; "stop" ends it without storing.
/// </summary>
internal sealed class ZiekmeldingDialog(ActingStaff acting, StudentDirectory students, SickAbsenceService sick, TimeProvider time) : IDialog
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

    /// <summary>The first step, for <see cref="DialogRunner.BeginAsync"/>: ask for the student, or look up the one typed with the command.</summary>
    public async Task<DialogStep> BeginAsync(StaffMember staff, string? query, CancellationToken cancellationToken)
    {
        var start = new DialogState(DialogId, (int)Step.Search, new Dictionary<string, string>());
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
                var found = await students.SearchAsync(staff.Actor, text, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
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
                return DialogStep.Ask($"{QuestionMentor} (ja/nee)", state with { Step = (int)Step.Mentor, Answers = answers });

            case Step.Mentor:
                if (YesNo(text) is not { } yes)
                {
                    return DialogStep.Stay($"Antwoord met ja of nee. {QuestionMentor}");
                }

                answers["mentor"] = yes ? "ja" : "nee";
                var expected = answers["terug"].Length == 0 ? "onbekend" : DutchDates.LongDate(DateOnly.ParseExact(answers["terug"], "yyyy-MM-dd", CultureInfo.InvariantCulture));
                return DialogStep.Ask(
                    $"Klopt dit? {answers["label"]} is ziek vanaf {DutchDates.LongDate(today)}; verwacht terug: {expected}; ouder neemt zelf contact op met de mentor: {answers["mentor"]}. (ja/nee)",
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

                    var returnDate = answers["terug"].Length == 0 ? (DateOnly?)null : DateOnly.ParseExact(answers["terug"], "yyyy-MM-dd", CultureInfo.InvariantCulture);
                    return (await sick.ReportSickAsync(staff, student, today, returnDate, answers["mentor"] == "ja", ct).ConfigureAwait(false)).Message;
                });
        }
    }

    private async Task<DialogStep> ChosenAsync(StaffMember staff, StudentRecord student, Dictionary<string, string> answers, CancellationToken cancellationToken)
    {
        if (await sick.RefusalToReportAsync(staff, student, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return DialogStep.End(refusal);
        }

        answers["school"] = student.SchoolId;
        answers["student"] = student.Id.Value;
        answers["label"] = student.Label;
        if (await students.KeepAsync(student, cancellationToken).ConfigureAwait(false) is { } kept)
        {
            answers["roster"] = kept;
        }

        answers.Remove("kandidaten");
        return DialogStep.Ask($"{student.Label}. {QuestionReturn} (bijv. maandag, 12-1, over 3 dagen of weet ik niet)", new DialogState(DialogId, (int)Step.Return, answers));
    }

    private static bool? YesNo(string text) => text.Trim().ToLowerInvariant().TrimEnd('.', '!') switch
    {
        "ja" or "j" or "yes" or "klopt" => true,
        "nee" or "n" or "no" => false,
        _ => null,
    };
}
