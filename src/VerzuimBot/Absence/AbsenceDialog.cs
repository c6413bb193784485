using VerzuimBot.Connector.Dialogs;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Storage;

namespace VerzuimBot.Absence;

/// <summary>"afwezig": three questions in chat, then the absence is stored.</summary>
internal sealed class AbsenceDialog(StaffAbsenceStore store, TimeProvider time) : FormDialog
{
    public const string DialogId = "afwezig";

    public override string Id => DialogId;

    public override IReadOnlyList<Question> Questions =>
    [
        new("totEnMet", "Tot en met welke datum ben je afwezig?", text => Check(AbsenceInput.Until(text, SchoolClock.Today(time)), d => d!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))),
        new("vervanger", "Wie neemt je taken over? Geef het e-mailadres van je vervanger.", text => Check(AbsenceInput.Replacement(text), e => e!)),
        new("reden", "Waarom ben je afwezig? (ziek, verlof, scholing of anders)", text => Check(AbsenceInput.Reason(text), r => r!)),
    ];

    public override async Task<string> CompleteAsync(DialogUser user, IReadOnlyDictionary<string, string> answers, CancellationToken cancellationToken)
    {
        var absence = new StaffAbsence(user.TenantId, user.UserKey, DateOnly.Parse(answers["totEnMet"], System.Globalization.CultureInfo.InvariantCulture), answers["vervanger"], answers["reden"], time.GetUtcNow());
        await store.SaveAsync(absence, cancellationToken).ConfigureAwait(false);
        return $"Opgeslagen: {AbsenceInput.Describe(absence)}.";
    }

    private static QuestionAnswer Check<T>((T? Value, string? Problem) result, Func<T?, string> format) =>
        result.Problem is null ? QuestionAnswer.Accept(format(result.Value)) : QuestionAnswer.Reject(result.Problem);
}
