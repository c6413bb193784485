using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using VerzuimBot.Domain.Digest;
using VerzuimBot.Domain.Profiles;

namespace VerzuimBot.Digest;

/// <summary>
/// The digest as a CSV file the way Dutch Excel opens it (issue 9 item 3): UTF-8 with BOM, ';' between fields,
/// decimal comma, the definitions as '#' lines on top. One long table (onderdeel; school; categorie; waarde) so
/// every figure of the card is a row, then the thuiszitter list. <see cref="DigestCsvOptions.Anonymised"/> (the
/// default, for the inspectie) numbers the list instead of giving student and regiepersoon ids, and gives ISO weeks
/// ("2026-W41") instead of the days a child first stayed away and the next step is due, which could single a child out.
/// Text staff typed (a step, an overleg action) may start like a formula: CsvHelper's injection escaping makes Excel
/// show it as text (issue 19 item 9).
/// </summary>
internal static partial class DigestCsvExporter
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly NumberFormatInfo DecimalComma = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "" };

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        Delimiter = ";",
        NewLine = "\r\n",
        InjectionOptions = InjectionOptions.Escape,
    };

    public static byte[] ToBytes(SwvDigest digest, DigestCsvOptions? options = null)
    {
        using var stream = new MemoryStream();
        Write(digest, stream, options);
        return stream.ToArray();
    }

    public static void Write(SwvDigest digest, Stream stream, DigestCsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(stream);
        options ??= new DigestCsvOptions();
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        using var csv = new ExcelCsvWriter(writer, Configuration);

        Line(csv, "# VerzuimBot overzicht thuiszitters en verzuim voor het samenwerkingsverband");
        Line(csv, string.Create(CultureInfo.InvariantCulture, $"# Peildatum: {digest.AsOf:dd-MM-yyyy}, {digest.Now:HH:mm}"));
        foreach (var definition in DigestTexts.Definitions(digest))
        {
            Line(csv, "# " + definition);
        }

        csv.NextRecord();
        Row(csv, "Onderdeel", "School", "Categorie", "Waarde");
        foreach (var school in digest.Schools.Append(digest.Total))
        {
            Figures(csv, school, digest);
        }

        csv.NextRecord();
        Row(csv, options.Anonymised ? "Nr" : "Leerling", "School", "Type", "Code", "Schooldagen afwezig", options.Anonymised ? "Eerste verzuimweek" : "Eerste verzuimdag", "Regiepersoon", "Volgende stap", options.Anonymised ? "Uiterlijk (week)" : "Uiterlijk", "Te laat");
        var number = 0;
        foreach (var entry in digest.Thuiszitters)
        {
            number++;
            Row(
                csv,
                options.Anonymised ? Number(number) : entry.Student.Value,
                entry.School.Value,
                $"{entry.Type} {DigestTexts.Type(entry.Type)}",
                DigestTexts.Code(entry.Code),
                Number(entry.SchoolDaysAbsent),
                Day(entry.FirstDayAbsent, options),
                options.Anonymised ? string.Empty : entry.Regiepersoon?.Value ?? string.Empty,
                entry.NextStep.Description,
                entry.NextStep.Due is { } due ? Day(due, options) : string.Empty,
                entry.NextStep.Overdue ? "ja" : "nee");
        }

        csv.Flush();
    }

    private static void Figures(CsvWriter csv, SchoolFigures figures, SwvDigest digest)
    {
        var school = figures.School?.Value ?? "Totaal SWV";
        void Add(string part, string category, string value) => Row(csv, part, school, category, value);

        foreach (var band in Enum.GetValues<DurationBand>())
        {
            Add("Afwezig", DigestTexts.Band(band), Number(band switch
            {
                DurationBand.Tot4Weken => figures.Absent.Tot4Weken,
                DurationBand.Tot3Maanden => figures.Absent.Tot3Maanden,
                _ => figures.Absent.LangerDan3Maanden,
            }));
        }

        foreach (var (type, count) in figures.PerType.OrderBy(t => t.Key))
        {
            Add("Type", $"{type} {DigestTexts.Type(type)}", Number(count));
        }

        foreach (var code in Enum.GetValues<ThuiszitterCode>())
        {
            Add("Code", DigestTexts.Code(code), Number(figures.PerCode[code]));
        }

        Add("Dreigende thuiszitters", "afwezig, zorgwekkend, nog geen 4 weken", Number(figures.Dreigend));
        Add("Thuiszitters", "open", Number(figures.OpenThuiszitterCases));
        Add("Thuiszitters", "gemeld bij SWV", Number(figures.ReportedToSwv));
        Add("Thuiszitters", "niet gemeld bij SWV", Number(figures.NotReportedToSwv));
        Add("Sinds vorig overzicht", "nieuwe thuiszitters", Number(figures.NewThuiszitters));
        Add("Sinds vorig overzicht", "terug op school of passend aanbod", Number(figures.ReturnedToSchool));
        Add("Sinds vorig overzicht", "vrijstellingen verleend", Number(figures.VrijstellingenNew));
        Add("Vrijstellingen", "leerlingen met een vrijstelling", Number(figures.VrijstellingenInForce));
        if (figures.School is null)
        {
            Add("Vrijstellingen", "doel (hoogstens)", Number(digest.VrijstellingGoal));
        }

        foreach (var step in OverdueSteps.All)
        {
            Add("Achterstallig", DigestTexts.Overdue(step), Number(figures.Overdue[step]));
        }

        Doorloop(Add, "vanaf eerste verzuimdag", figures.Doorloop.FromFirstDay, figures.Doorloop.PreviousFromFirstDay);
        Doorloop(Add, "vanaf thuiszitter", figures.Doorloop.FromThuiszitter, figures.Doorloop.PreviousFromThuiszitter);
        Add("Doorloopsnelheid", "verandering mediaan t.o.v. vorige periode (schooldagen)", Decimal(figures.Doorloop.MedianChange));

        for (var i = 0; i < digest.Weeks.Count; i++)
        {
            var week = string.Create(CultureInfo.InvariantCulture, $"week van {digest.Weeks[i].Monday:dd-MM-yyyy}");
            var counts = figures.Trend[i];
            Add("Trend", $"{week}: {DigestTexts.Band(DurationBand.Tot4Weken)}", Number(counts.Tot4Weken));
            Add("Trend", $"{week}: {DigestTexts.Band(DurationBand.Tot3Maanden)}", Number(counts.Tot3Maanden));
            Add("Trend", $"{week}: {DigestTexts.Band(DurationBand.LangerDan3Maanden)}", Number(counts.LangerDan3Maanden));
        }
    }

    private static void Doorloop(Action<string, string, string> add, string from, DoorloopStats now, DoorloopStats before)
    {
        add("Doorloopsnelheid", $"{from}: aantal afgesloten", Number(now.Count));
        add("Doorloopsnelheid", $"{from}: mediaan (schooldagen)", Decimal(now.Median));
        add("Doorloopsnelheid", $"{from}: gemiddelde (schooldagen)", Decimal(now.Mean));
        if (now.ShareWithin3Months is not null || before.ShareWithin3Months is not null)
        {
            add("Doorloopsnelheid", $"{from}: binnen 3 maanden (%)", Decimal(now.ShareWithin3Months * 100));
        }

        add("Doorloopsnelheid", $"{from}: vorige periode aantal", Number(before.Count));
        add("Doorloopsnelheid", $"{from}: vorige periode mediaan (schooldagen)", Decimal(before.Median));
        add("Doorloopsnelheid", $"{from}: vorige periode gemiddelde (schooldagen)", Decimal(before.Mean));
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The date for the SWV's own list; the ISO week ("2026-W41") when anonymised.</summary>
    private static string Day(DateOnly date, DigestCsvOptions options)
    {
        if (!options.Anonymised)
        {
            return date.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);
        }

        var day = date.ToDateTime(TimeOnly.MinValue);
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(day)}-W{ISOWeek.GetWeekOfYear(day):00}");
    }

    /// <summary>One decimal with a comma (Dutch Excel); empty when there is nothing to measure.</summary>
    private static string Decimal(double? value) => value is { } v ? Math.Round(v, 1, MidpointRounding.AwayFromZero).ToString("0.0", DecimalComma) : string.Empty;

    private static void Line(CsvWriter csv, string text)
    {
        csv.WriteField(text);
        csv.NextRecord();
    }

    private static void Row(CsvWriter csv, params string[] fields)
    {
        foreach (var field in fields)
        {
            csv.WriteField(field);
        }

        csv.NextRecord();
    }

    /// <summary>A plain number ("-1,5") is no formula: a negative figure stays a number Excel can add up.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^-?[0-9]+(,[0-9]+)?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex PlainNumber();

    private sealed class ExcelCsvWriter(TextWriter writer, CsvConfiguration configuration) : CsvWriter(writer, configuration)
    {
        protected override string? SanitizeForInjection(string? field) => field is not null && PlainNumber().IsMatch(field) ? field : base.SanitizeForInjection(field);
    }
}

/// <summary>How to export: anonymised (for the inspectie) unless the SWV asks for its own working list.</summary>
internal sealed record DigestCsvOptions(bool Anonymised = true);
