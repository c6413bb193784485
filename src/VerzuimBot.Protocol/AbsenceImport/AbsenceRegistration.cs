using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VerzuimBot.Protocol.AbsenceImport;

/// <summary>
/// One registration of the school system on one day, as the bot understands it. <see cref="Key"/> is the system's own
/// registration id ("id:…"; "@date" added for a melding over several days), else a key of the row's content ("inhoud:…"), so the
/// same registration in a later export is recognised. <see cref="Hours"/> is null for the whole day.
/// </summary>
internal sealed record AbsenceRegistration(int Row, string Leerlingnummer, string Key, DateOnly Date, int? Hours, AbsenceCodeMeaning Meaning)
{
    /// <summary>What the registration means for the protocol; a change of it is a correction.</summary>
    public string ContentHash => Hash($"{Date:yyyy-MM-dd}|{Hours?.ToString(CultureInfo.InvariantCulture) ?? "dag"}|{Meaning}");

    /// <summary>The lesuren it covers on the ladder: the whole day counts as the profile's lesuren per school day.</summary>
    public int LessonHours(int perSchoolDay) => Hours ?? perSchoolDay;

    public bool IsWholeDay(int perSchoolDay) => Hours is null || Hours >= perSchoolDay;

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..24];
}
