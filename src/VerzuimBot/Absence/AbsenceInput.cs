using System.Globalization;
using System.Net.Mail;
using VerzuimBot.Domain.Language;
using VerzuimBot.Storage;

namespace VerzuimBot.Absence;

/// <summary>Validation of the absence answers, shared by the chat dialog and the card (Dutch problems).</summary>
internal static class AbsenceInput
{
    public static (DateOnly? Date, string? Problem) Until(string? text, DateOnly today)
    {
        var answer = DutchDateParser.Parse(text, today);
        return answer.Kind switch
        {
            DateAnswerKind.Date when answer.Date < today => (null, "Die datum ligt in het verleden."),
            DateAnswerKind.Date => (answer.Date, null),
            DateAnswerKind.Unknown => (null, "Ik heb een datum nodig; je kunt hem later aanpassen."),
            _ => (null, answer.Problem),
        };
    }

    public static (string? Email, string? Problem) Replacement(string? text)
    {
        var value = text?.Trim() ?? string.Empty;
        return value.Length is > 3 and <= 254 && MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal)
            ? (value.ToLowerInvariant(), null)
            : (null, "Dat is geen geldig e-mailadres.");
    }

    public static (string? Reason, string? Problem) Reason(string? text)
    {
        var match = StaffAbsence.Reasons.FirstOrDefault(r => string.Equals(r, text?.Trim(), StringComparison.OrdinalIgnoreCase));
        return match is null ? (null, "Kies ziek, verlof, scholing of anders.") : (match, null);
    }

    /// <summary>A Dutch sentence (plain text: cards escape it where they show it).</summary>
    public static string Describe(StaffAbsence absence) =>
        $"afwezig t/m {absence.Until.ToString("dddd d MMMM yyyy", Dutch)} ({absence.Reason.ToLowerInvariant()}); je taken gaan naar {absence.Replacement}";

    public static CultureInfo Dutch { get; } = CultureInfo.GetCultureInfo("nl-NL");
}
