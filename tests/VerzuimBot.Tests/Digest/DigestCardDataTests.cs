using System.Text.Encodings.Web;
using System.Text.Json;
using VerzuimBot.Cards;
using VerzuimBot.Digest;
using VerzuimBot.Domain.Digest;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Profiles;

namespace VerzuimBot.Tests.Digest;

// Issue 9 items 1-2: the card binds with the digest's own data and stays readable on a phone and under ~28 KB.
public class DigestCardDataTests
{
    private static readonly CardTemplateLibrary Cards = CardTemplateLibrary.FromAppDirectory();

    [Fact]
    public void Card_BindsTotalsTrendAndList()
    {
        var card = Cards.Render(DigestCardData.Template, DigestCardData.Build(Digest(schools: 2, listed: 1), Labels)).ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains("maandag 30 november 2026", card, StringComparison.Ordinal);
        Assert.Contains("Toon details", card, StringComparison.Ordinal);
        Assert.Contains("Leerling A", card, StringComparison.Ordinal);
        Assert.Contains("Jeugdarts: consult plannen (uiterlijk 04-11-2026, te laat)", card, StringComparison.Ordinal);
        Assert.Contains("Mediaan 45 schooldagen vanaf de eerste verzuimdag (gemiddeld 59,3; 3 zaken), 25 vanaf thuiszitter. Binnen 3 maanden: 67%.", card, StringComparison.Ordinal);
        Assert.Contains("Vorige periode: mediaan 25 (1 zaak) — 20 schooldagen trager.", card, StringComparison.Ordinal);
        Assert.Contains("wk 48", card, StringComparison.Ordinal);
    }

    [Fact] // Issue 9 item 2: a chart Teams draws (stacked bars per school week), with the text bars as its fallback.
    public void Card_HasAStackedBarChartOfTheThreeBands_WithTheTextBarsAsFallback()
    {
        var card = Cards.Render(DigestCardData.Template, DigestCardData.Build(Digest(schools: 2, listed: 1), Labels));
        var chart = card["body"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "Chart.VerticalBar.Grouped")!;
        Assert.True(chart["stacked"]!.GetValue<bool>());
        var series = chart["data"]!.AsArray();
        Assert.Equal(["tot 4 weken", "4 weken – 3 maanden", "langer dan 3 maanden"], series.Select(s => s!["legend"]!.GetValue<string>()));
        Assert.All(series, s => Assert.All(s!["values"]!.AsArray(), v => Assert.Equal(System.Text.Json.JsonValueKind.Number, v!["y"]!.GetValueKind())));
        Assert.Equal("wk 48", series[0]!["values"]!.AsArray()[^1]!["x"]!.GetValue<string>());
        Assert.Contains("█", chart["fallback"]!.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
    }

    [Fact] // 60 schools and 200 listed thuiszitters: the card shows the first ones and points to the export.
    public void Card_WithALargeSwv_StaysUnder28Kilobytes()
    {
        var data = DigestCardData.Build(Digest(schools: 60, listed: 200), Labels);
        var card = Cards.Render(DigestCardData.Template, data);
        Assert.True(card.ToJsonString().Length * 2 < 28 * 1024 * 2, "UTF-16 size");
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(card.ToJsonString()) < 28 * 1024, "rendered card under 28 KB");
        Assert.Equal(200 - DigestCardData.MaxListed, data["meerThuiszitters"]!.GetValue<int>());
        Assert.Equal(60 - DigestCardData.MaxSchools, data["meerScholen"]!.GetValue<int>());
    }

    private static readonly DigestCardLabels Labels = new("Overzicht thuiszitters", "overzicht-1")
    {
        Student = id => "Leerling " + id.Value[..1],
        School = id => "School " + id.Value,
        Staff = id => "Regie " + id.Value,
    };

    private static SwvDigest Digest(int schools, int listed)
    {
        var periods = new DoorloopPeriods(new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 30), new DateOnly(2026, 10, 5), new DateOnly(2026, 11, 8));
        var doorloop = new Doorloopsnelheid(new DoorloopStats(3, 45, 178 / 3d, 2 / 3d), new DoorloopStats(3, 25, 118 / 3d, null), new DoorloopStats(1, 25, 25, 1), new DoorloopStats(1, 5, 5, null));
        var weeks = Enumerable.Range(0, 8).Select(i => new SchoolWeek(new DateOnly(2026, 10, 5).AddDays(7 * i), new DateOnly(2026, 10, 9).AddDays(7 * i))).ToList();
        SchoolFigures Figures(SchoolId? school) => new(
            school,
            new BandCounts(40, 5, 2),
            Enumerable.Range(1, 7).ToDictionary(t => t, t => t),
            new Dictionary<ThuiszitterCode, int> { [ThuiszitterCode.Geel] = 40, [ThuiszitterCode.Oranje] = 5, [ThuiszitterCode.Rood] = 2 },
            3, 4, 2, 1, 1, 0, 1,
            OverdueSteps.All.ToDictionary(s => s, s => (int)s),
            doorloop,
            weeks.Select((_, i) => new BandCounts(30 + i, 5, 2)).ToList());
        var list = Enumerable.Range(0, listed).Select(i => new ThuiszitterListEntry(
            new StudentId("A" + i), new SchoolId("SCH" + (i % schools)), 5, ThuiszitterCode.Oranje, 36, new DateOnly(2026, 10, 5), new StaffId("zorg-" + i),
            new NextStep("Jeugdarts: consult plannen", new DateOnly(2026, 11, 4), true))).ToList();
        var now = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(1));
        return new SwvDigest(now, new DateOnly(2026, 11, 30), now.AddDays(-7), 5, periods, weeks,
            Enumerable.Range(0, schools).Select(i => Figures(new SchoolId("SCH" + i))).ToList(), Figures(null), list);
    }
}
