using System.Globalization;
using VerzuimBot.Connector.Dialogs;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Protocol.SickAbsence;
using VerzuimBot.Protocol.Staff;

namespace VerzuimBot.SickRoute;

/// <summary>
/// Stap 1 by chat ("ziekmelding", "ziek Daan", "ziek 123456"): find the student, ask the protocol's two
/// questions word for word, confirm, store. State is kept per conversation and user, so a restart
/// mid-dialog loses nothing; "stop" ends it without storing.
/// </summary>
internal sealed class ZiekmeldingChat(IDialogStateStore states, StudentDirectory students, SickAbsenceService sick, TimeProvider time)
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

    public async Task<string> BeginAsync(string key, StaffMember staff, string? query, CancellationToken cancellationToken)
    {
        var existing = await states.LoadAsync(key, cancellationToken).ConfigureAwait(false);
        var state = new DialogState(DialogId, (int)Step.Search, new Dictionary<string, string>());
        await SaveAsync(key, state, existing?.ETag, cancellationToken).ConfigureAwait(false);
        return string.IsNullOrWhiteSpace(query) ? AskStudent : await ContinueAsync(key, staff, query, cancellationToken).ConfigureAwait(false) ?? AskStudent;
    }

    public async Task<bool> IsRunningAsync(string key, CancellationToken cancellationToken) =>
        await states.LoadAsync(key, cancellationToken).ConfigureAwait(false) is { State.DialogId: DialogId };

    /// <summary>Null when no ziekmelding dialog is running in this conversation for this user.</summary>
    public async Task<string?> ContinueAsync(string key, StaffMember staff, string text, CancellationToken cancellationToken)
    {
        if (await states.LoadAsync(key, cancellationToken).ConfigureAwait(false) is not { State.DialogId: DialogId } loaded)
        {
            return null;
        }

        if (text.Trim().ToLowerInvariant() is "stop" or "stoppen" or "annuleer" or "laat maar")
        {
            await states.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
            return DialogRunner.Cancelled;
        }

        var answers = new Dictionary<string, string>(loaded.State.Answers);
        var today = SchoolClock.Today(time);
        switch ((Step)loaded.State.Step)
        {
            case Step.Search:
                var found = await students.SearchAsync(staff.Actor, text, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                if (found.Count == 0)
                {
                    return "Ik vind geen leerling met die naam of dat leerlingnummer op jouw school. Probeer het opnieuw met een andere spelling of het leerlingnummer (of typ stop).";
                }

                if (found.Count > 1)
                {
                    answers["kandidaten"] = string.Join(';', found.Select(f => $"{f.SchoolId}|{f.Id.Value}"));
                    await SaveAsync(key, loaded.State with { Step = (int)Step.Choose, Answers = answers }, loaded.ETag, cancellationToken).ConfigureAwait(false);
                    return "Er zijn meer leerlingen die passen:\n" + string.Join('\n', found.Select((f, i) => $"{i + 1}. {f.Label}")) + "\nTyp het nummer van de juiste leerling.";
                }

                return await ChosenAsync(key, staff, found[0], answers, loaded.ETag, cancellationToken).ConfigureAwait(false);

            case Step.Choose:
                var candidates = answers.GetValueOrDefault("kandidaten", string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries);
                if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > candidates.Length)
                {
                    return $"Typ een nummer van 1 tot en met {candidates.Length}.";
                }

                var parts = candidates[number - 1].Split('|');
                var chosen = await students.GetAsync(parts[0], parts[1], cancellationToken).ConfigureAwait(false);
                return chosen is null ? "Die leerling staat niet meer op de leerlingenlijst. Typ een andere naam (of stop)." : await ChosenAsync(key, staff, chosen, answers, loaded.ETag, cancellationToken).ConfigureAwait(false);

            case Step.Return:
                var parsed = DutchDateParser.Parse(text, today);
                if (parsed.Kind == DateAnswerKind.Invalid)
                {
                    return $"{parsed.Problem} {QuestionReturn} (bijv. maandag, 12-1, over 3 dagen of weet ik niet)";
                }

                if (parsed.Date is { } back && back <= today)
                {
                    return $"Die dag is al begonnen of voorbij. {QuestionReturn}";
                }

                answers["terug"] = parsed.Date is { } d ? DutchDates.IsoDate(d) : string.Empty;
                await SaveAsync(key, loaded.State with { Step = (int)Step.Mentor, Answers = answers }, loaded.ETag, cancellationToken).ConfigureAwait(false);
                return $"{QuestionMentor} (ja/nee)";

            case Step.Mentor:
                if (YesNo(text) is not { } yes)
                {
                    return $"Antwoord met ja of nee. {QuestionMentor}";
                }

                answers["mentor"] = yes ? "ja" : "nee";
                await SaveAsync(key, loaded.State with { Step = (int)Step.Confirm, Answers = answers }, loaded.ETag, cancellationToken).ConfigureAwait(false);
                var expected = answers["terug"].Length == 0 ? "onbekend" : DutchDates.LongDate(DateOnly.ParseExact(answers["terug"], "yyyy-MM-dd", CultureInfo.InvariantCulture));
                return $"Klopt dit? {answers["label"]} is ziek vanaf {DutchDates.LongDate(today)}; verwacht terug: {expected}; ouder neemt zelf contact op met de mentor: {answers["mentor"]}. (ja/nee)";

            default:
                if (YesNo(text) is not { } confirmed)
                {
                    return "Antwoord met ja (opslaan) of nee (niet opslaan).";
                }

                await states.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
                if (!confirmed)
                {
                    return "Niets opgeslagen. Begin opnieuw met \"ziekmelding\".";
                }

                var student = await students.GetAsync(answers["school"], answers["student"], cancellationToken).ConfigureAwait(false);
                if (student is null)
                {
                    return "Die leerling staat niet meer op de leerlingenlijst; er is niets opgeslagen.";
                }

                var returnDate = answers["terug"].Length == 0 ? (DateOnly?)null : DateOnly.ParseExact(answers["terug"], "yyyy-MM-dd", CultureInfo.InvariantCulture);
                return (await sick.ReportSickAsync(staff, student, today, returnDate, answers["mentor"] == "ja", cancellationToken).ConfigureAwait(false)).Message;
        }
    }

    private async Task<string> ChosenAsync(string key, StaffMember staff, StudentRecord student, Dictionary<string, string> answers, string etag, CancellationToken cancellationToken)
    {
        if (await sick.RefusalToReportAsync(staff, student, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            await states.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
            return refusal;
        }

        answers["school"] = student.SchoolId;
        answers["student"] = student.Id.Value;
        answers["label"] = student.Label;
        answers.Remove("kandidaten");
        await SaveAsync(key, new DialogState(DialogId, (int)Step.Return, answers), etag, cancellationToken).ConfigureAwait(false);
        return $"{student.Label}. {QuestionReturn} (bijv. maandag, 12-1, over 3 dagen of weet ik niet)";
    }

    private static bool? YesNo(string text) => text.Trim().ToLowerInvariant().TrimEnd('.', '!') switch
    {
        "ja" or "j" or "yes" or "klopt" => true,
        "nee" or "n" or "no" => false,
        _ => null,
    };

    private async Task SaveAsync(string key, DialogState state, string? etag, CancellationToken cancellationToken)
    {
        try
        {
            await states.SaveAsync(key, state, etag, cancellationToken).ConfigureAwait(false);
        }
        catch (DialogStateConflictException)
        {
            throw new DialogBusyException();
        }
    }
}
