using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.Students;
using VerzuimBot.CardActions;

namespace VerzuimBot.SickRoute.Actions;

/// <summary>The aanmeldingsformulier jeugdarts (002 Bijlage 1, stap 4) as lines of text the school can send.</summary>
internal static class AanmeldingDocument
{
    public static IReadOnlyList<string> Lines(StudentRecord student, JeugdartsAanmeldingSent aanmelding, IEnumerable<Fact> verzuimoverzicht, string sender)
    {
        var d = student.Details;
        var lines = new List<string>
        {
            "AANMELDINGSFORMULIER JEUGDARTS (ziekteverzuim)",
            $"Leerling: {d.DisplayName}, geboren {(d.Geboortedatum is { } born ? DutchDates.ShortDate(born) : "(geboortedatum onbekend)")}, leerlingnummer {d.Leerlingnummer}",
            $"School: {student.SchoolId}, klas {d.Klas}, woongemeente {d.Woongemeente}",
            "Verzuimoverzicht:",
        };
        lines.AddRange(verzuimoverzicht.Select(f => $"  {f.Title}: {f.Value}"));
        lines.Add($"Hulpvraag van de school: {aanmelding.Hulpvraag}");
        lines.Add($"Wat de school al heeft gedaan: {aanmelding.AlGedaan}");
        lines.Add(aanmelding.BesprokenMetOudersOp is { } on ? $"Besproken met ouders en leerling: ja, op {DutchDates.ShortDate(on)}" : "Besproken met ouders en leerling: nee");
        lines.Add($"Aangemeld door: {sender} op {DutchDates.ShortDate(aanmelding.Date)}");
        return lines;
    }

    /// <summary>A mail to the GGD with only the subject filled in: the child's details go in the body the school pastes, never in a URL.</summary>
    public static string MailTo(string address, StudentRecord student) =>
        $"mailto:{Uri.EscapeDataString(address)}?subject={Uri.EscapeDataString("Aanmelding jeugdarts ziekteverzuim, school " + student.SchoolId)}";
}
