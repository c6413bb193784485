using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using VerzuimBot.Cards;
using VerzuimBot.Domain.Digest;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Profiles;

namespace VerzuimBot.Digest;

/// <summary>
/// The data for cards/swv-digest.json. The domain holds ids only; the caller maps them to what the SWV channel may
/// show (domain.md §8). Long lists are capped so the card stays well under Teams' message size on a phone; the
/// export holds everything.
/// </summary>
internal static class DigestCardData
{
    public const string Template = "swv-digest";
    public const int MaxListed = 15;
    public const int MaxSchools = 20;
    private const int BarWidth = 16;

    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public static JsonObject Build(SwvDigest digest, DigestCardLabels labels)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(labels);
        var total = digest.Total;
        var maxTrend = Math.Max(1, total.Trend.Count == 0 ? 1 : total.Trend.Max(t => t.Total));
        var listed = digest.Thuiszitters.Take(MaxListed).ToList();
        var schools = digest.Schools.OrderByDescending(s => s.Absent.Total).ThenBy(s => s.School!.Value.Value, StringComparer.Ordinal).Take(MaxSchools).ToList();
        return new JsonObject
        {
            ["titel"] = labels.Title,
            ["overzichtId"] = labels.DigestId,
            ["peildatum"] = digest.AsOf.ToString("dddd d MMMM yyyy", Dutch),
            ["sinds"] = digest.Since.ToString("dddd d MMMM yyyy HH:mm", Dutch),
            ["totaal"] = new JsonObject
            {
                ["tot4Weken"] = Count(total.Absent.Tot4Weken),
                ["tot3Maanden"] = Count(total.Absent.Tot3Maanden),
                ["langerDan3Maanden"] = Count(total.Absent.LangerDan3Maanden),
                ["dreigend"] = Count(total.Dreigend),
                ["thuiszitters"] = $"{total.OpenThuiszitterCases} ({total.ReportedToSwv} gemeld bij het SWV)",
                ["codes"] = $"{total.PerCode[ThuiszitterCode.Geel]} / {total.PerCode[ThuiszitterCode.Oranje]} / {total.PerCode[ThuiszitterCode.Rood]}",
                ["nieuw"] = Count(total.NewThuiszitters),
                ["terug"] = Count(total.ReturnedToSchool),
                ["vrijstellingen"] = $"{total.VrijstellingenNew} nieuw · nu {total.VrijstellingenInForce} met een vrijstelling (doel: hoogstens {digest.VrijstellingGoal})",
                ["vrijstellingenBovenDoel"] = total.VrijstellingenInForce > digest.VrijstellingGoal,
                ["achterstallig"] = Count(total.OverdueTotal),
                ["nietGemeld"] = total.NotReportedToSwv,
            },
            ["doorloop"] = new JsonObject { ["tekst"] = Doorloop(total.Doorloop), ["trend"] = DoorloopTrend(total.Doorloop) },
            ["trend"] = new JsonArray(digest.Weeks.Select((week, i) => (JsonNode)new JsonObject
            {
                ["week"] = WeekLabel(week),
                ["balk"] = Bar(total.Trend[i], maxTrend),
                ["aantallen"] = $"{total.Trend[i].Tot4Weken}·{total.Trend[i].Tot3Maanden}·{total.Trend[i].LangerDan3Maanden}",
            }).ToArray()),
            // Teams draws this as a stacked bar chart (Chart.VerticalBar.Grouped); elsewhere the card falls back to the text bars above.
            ["grafiek"] = new JsonObject
            {
                ["tot4Weken"] = Series(digest, total, t => t.Tot4Weken),
                ["tot3Maanden"] = Series(digest, total, t => t.Tot3Maanden),
                ["langerDan3Maanden"] = Series(digest, total, t => t.LangerDan3Maanden),
            },
            ["thuiszitters"] = new JsonArray(listed.Select(e => (JsonNode)new JsonObject
            {
                ["leerling"] = labels.Student(e.Student),
                ["school"] = labels.School(e.School),
                ["type"] = e.Type.ToString(CultureInfo.InvariantCulture),
                ["code"] = DigestTexts.Code(e.Code),
                ["dagen"] = e.SchoolDaysAbsent,
                ["regie"] = e.Regiepersoon is { } regie ? labels.Staff(regie) : "nog niet benoemd",
                ["stap"] = Step(e.NextStep),
                ["teLaat"] = e.NextStep.Overdue,
            }).ToArray()),
            ["meerThuiszitters"] = digest.Thuiszitters.Count - listed.Count,
            ["achterstallig"] = new JsonArray(OverdueSteps.All.Where(s => total.Overdue[s] > 0)
                .Select(s => (JsonNode)new JsonObject { ["soort"] = DigestTexts.Overdue(s), ["aantal"] = Count(total.Overdue[s]) }).ToArray()),
            ["scholen"] = new JsonArray(schools.Select(s => (JsonNode)new JsonObject
            {
                ["naam"] = labels.School(s.School!.Value),
                ["cijfers"] = $"{s.Absent.Tot4Weken}·{s.Absent.Tot3Maanden}·{s.Absent.LangerDan3Maanden}  {s.OpenThuiszitterCases}  {s.OverdueTotal}",
            }).ToArray()),
            ["meerScholen"] = digest.Schools.Count - schools.Count,
            ["typen"] = string.Join(" · ", total.PerType.OrderBy(t => t.Key).Select(t => $"{t.Key}: {t.Value}")),
            ["definities"] = "Afwezig en duur in schooldagen (tot 4 weken: 1-20, tot 3 maanden: 21-60, langer: meer dan 60). Dreigend: zorgwekkend verzuim, nog geen 4 weken. Doorloopsnelheid: schooldagen tot terug op school of passend aanbod. Volledige definities in de export.",
        };
    }

    private static JsonArray Series(SwvDigest digest, SchoolFigures total, Func<BandCounts, int> band) =>
        new(digest.Weeks.Select((week, i) => (JsonNode)new JsonObject { ["x"] = WeekLabel(week), ["y"] = band(total.Trend[i]) }).ToArray());

    private static string WeekLabel(SchoolWeek week) => "wk " + ISOWeek.GetWeekOfYear(week.Monday.ToDateTime(TimeOnly.MinValue)).ToString(CultureInfo.InvariantCulture);

    /// <summary>The plain-text bar of one week: █ tot 4 weken, ▒ tot 3 maanden, ░ langer, scaled to the busiest week.</summary>
    private static string Bar(BandCounts counts, int max)
    {
        int Width(int n) => n == 0 ? 0 : Math.Max(1, (int)Math.Round((double)n * BarWidth / max, MidpointRounding.AwayFromZero));
        return new StringBuilder().Append('█', Width(counts.Tot4Weken)).Append('▒', Width(counts.Tot3Maanden)).Append('░', Width(counts.LangerDan3Maanden)).ToString();
    }

    private static string Doorloop(Doorloopsnelheid doorloop)
    {
        var first = doorloop.FromFirstDay;
        if (first.Count == 0)
        {
            return "Geen zaken afgesloten in deze periode.";
        }

        var fromThuiszitter = doorloop.FromThuiszitter.Median is { } m ? $", {Number(m)} vanaf thuiszitter" : string.Empty;
        return $"Mediaan {Number(first.Median!.Value)} schooldagen vanaf de eerste verzuimdag (gemiddeld {Number(first.Mean!.Value)}; {first.Count} {(first.Count == 1 ? "zaak" : "zaken")}){fromThuiszitter}. "
            + $"Binnen 3 maanden: {Math.Round(first.ShareWithin3Months!.Value * 100, MidpointRounding.AwayFromZero).ToString("0", Dutch)}%.";
    }

    private static string DoorloopTrend(Doorloopsnelheid doorloop)
    {
        var before = doorloop.PreviousFromFirstDay;
        if (before.Count == 0)
        {
            return "Vorige periode: geen afgesloten zaken.";
        }

        var change = doorloop.MedianChange is { } c && c != 0 ? $" — {Number(Math.Abs(c))} schooldagen {(c > 0 ? "trager" : "sneller")}." : ".";
        return $"Vorige periode: mediaan {Number(before.Median!.Value)} ({before.Count} {(before.Count == 1 ? "zaak" : "zaken")}){change}";
    }

    private static string Step(NextStep step) => step.Due is { } due
        ? $"{step.Description} (uiterlijk {due.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture)}{(step.Overdue ? ", te laat" : string.Empty)})"
        : step.Description;

    /// <summary>Counts go to the card as text: Teams shows a number in a fact or TextBlock as nothing.</summary>
    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.#", Dutch);
}

/// <summary>What the card shows for the ids: names or initials for whoever may see them; the defaults show the ids.</summary>
internal sealed record DigestCardLabels(string Title, string DigestId)
{
    public Func<StudentId, string> Student { get; init; } = id => id.Value;

    public Func<SchoolId, string> School { get; init; } = id => id.Value;

    public Func<StaffId, string> Staff { get; init; } = id => id.Value;
}
