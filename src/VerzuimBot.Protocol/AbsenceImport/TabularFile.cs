using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace VerzuimBot.Protocol.AbsenceImport;

/// <summary>
/// A spreadsheet export as header plus rows of text, from CSV (';' or ',', UTF-8 with or without BOM, else Latin-1 as older
/// exports write it) or .xlsx (the first sheet, read as a stream by MiniExcel). Row numbers are the spreadsheet's: the
/// header is row 1. Pure: bytes in, text out.
/// </summary>
internal sealed record TabularFile(IReadOnlyList<string> Header, IReadOnlyList<TabularRow> Rows, bool TooManyRows)
{
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>Reads the file; a Dutch <see cref="FormatException"/> when it is neither a readable CSV nor an .xlsx.</summary>
    public static TabularFile Read(byte[] bytes, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return bytes.AsSpan().StartsWith(ZipMagic) ? ReadXlsx(bytes, maxRows) : ReadCsv(Decode(bytes), maxRows);
    }

    private static TabularFile ReadCsv(string text, int maxRows)
    {
        text = text.TrimStart('\uFEFF');
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException("Het bestand is leeg.");
        }

        var firstLine = text.AsSpan(0, text.IndexOf('\n') is var nl and >= 0 ? nl : text.Length);
        int semicolons = firstLine.Count(';'), commas = firstLine.Count(',');
        if (semicolons == 0 && commas == 0)
        {
            var other = firstLine.Contains('\t') ? "tabs" : firstLine.Contains('|') ? "'|'" : null;
            throw new FormatException(other is null
                ? "De kopregel heeft maar één kolom: is dit wel een export met ; of , tussen de kolommen?"
                : $"De kolommen zijn gescheiden door {other}; ik lees alleen ; of , als scheidingsteken. Exporteer opnieuw als CSV met ; of ,.");
        }

        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = semicolons >= commas ? ";" : ",",
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
        };
        using var csv = new CsvReader(new StringReader(text), configuration);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
        {
            throw new FormatException("Het bestand is leeg of heeft geen kopregel.");
        }

        var rows = new List<TabularRow>();
        while (csv.Read())
        {
            var record = csv.Parser.Record ?? [];
            if (record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (rows.Count == maxRows)
            {
                return new TabularFile(header, [], TooManyRows: true);
            }

            rows.Add(new TabularRow(csv.Parser.Row, record));
        }

        return new TabularFile(header.Select(h => h.Trim()).ToList(), rows, TooManyRows: false);
    }

    private static TabularFile ReadXlsx(byte[] bytes, int maxRows)
    {
        List<IDictionary<string, object?>> sheet;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            sheet = [];
            foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, excelType: MiniExcelLibs.ExcelType.XLSX))
            {
                if (sheet.Count > maxRows)
                {
                    break;
                }

                sheet.Add(row);
            }
        }
        catch (Exception exception) when (exception is InvalidDataException or InvalidOperationException or System.Xml.XmlException or NotSupportedException or IOException)
        {
            throw new FormatException("Het bestand lijkt een Excel-bestand maar ik kan het niet lezen. Sla het op als .xlsx of exporteer als CSV.", exception);
        }

        if (sheet.Count == 0)
        {
            throw new FormatException("Het bestand is leeg of heeft geen kopregel.");
        }

        var columns = sheet[0].Keys.ToList();
        var header = columns.Select(c => Cell(sheet[0][c]).Trim()).ToList();
        var rows = new List<TabularRow>();
        for (var i = 1; i < sheet.Count; i++)
        {
            var cells = columns.Select(c => Cell(sheet[i].TryGetValue(c, out var v) ? v : null).Trim()).ToArray();
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (rows.Count == maxRows)
            {
                return new TabularFile(header, [], TooManyRows: true);
            }

            rows.Add(new TabularRow(i + 1, cells));
        }

        return new TabularFile(header, rows, TooManyRows: false);
    }

    /// <summary>A cell as an export would write it as text: dates dd-MM-yyyy, times HH:mm, numbers invariant.</summary>
    private static string Cell(object? value) => value switch
    {
        null => string.Empty,
        DateTime { Year: < 1900 } time => time.ToString("HH:mm", CultureInfo.InvariantCulture),
        DateTime { TimeOfDay.Ticks: 0 } date => date.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture),
        DateTime moment => moment.ToString("dd-MM-yyyy HH:mm", CultureInfo.InvariantCulture),
        TimeSpan span => span.ToString(@"hh\:mm", CultureInfo.InvariantCulture),
        double number => number.ToString(CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>UTF-8 when the bytes are valid UTF-8 (with or without BOM); otherwise Latin-1, as older Windows exports write it.</summary>
    private static string Decode(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }
}

/// <summary>One data row: its number as a spreadsheet shows it, and its cells.</summary>
internal sealed record TabularRow(int Row, IReadOnlyList<string> Cells);
