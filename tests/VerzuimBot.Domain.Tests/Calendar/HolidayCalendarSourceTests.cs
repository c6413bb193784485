using System.Text.Json;
using VerzuimBot.Domain.Calendar;
using static VerzuimBot.Domain.Tests.DossierBuilder;

namespace VerzuimBot.Domain.Tests.Calendar;

// Issue 20 item 1: the holiday data against the Regeling vaststelling schoolvakanties (OCW) and published school rosters,
// each school year with its source in Calendar/schoolvakanties.json; Bevrijdingsdag; a school's own advisory weeks.
public class HolidayCalendarSourceTests
{
    private static readonly SchoolCalendar Noord = SchoolCalendar.ForRegion(HolidayRegion.Noord);
    private static readonly SchoolCalendar Midden = SchoolCalendar.ForRegion(HolidayRegion.Midden);
    private static readonly SchoolCalendar Zuid = SchoolCalendar.ForRegion(HolidayRegion.Zuid);

    [Fact] // schoolvakanties.json: every school year names its regeling (or says it could not be reached) and how far it is verified.
    public void EverySchoolYear_StatesItsSource()
    {
        using var stream = typeof(SchoolCalendar).Assembly.GetManifestResourceStream("VerzuimBot.Domain.schoolvakanties.json")!;
        using var document = JsonDocument.Parse(stream);
        var years = document.RootElement.GetProperty("schooljaren").EnumerateArray().ToList();
        Assert.Equal(["2024-2025", "2025-2026", "2026-2027", "2027-2028"], years.Select(y => y.GetProperty("schooljaar").GetString()));
        foreach (var year in years)
        {
            Assert.Contains("Regeling vaststelling schoolvakanties", year.GetProperty("bron").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(year.GetProperty("status").GetString()));
            Assert.All(year.GetProperty("vakanties").EnumerateArray(), v => Assert.Contains(v.GetProperty("soort").GetString(), new[] { "verplicht", "advies" }));
        }

        // The Staatscourant text of the 2025-2030 regeling was out of reach: the file says so instead of guessing a number.
        Assert.Contains(document.RootElement.GetProperty("regelingen").EnumerateArray(), r => r.GetProperty("vindplaats").GetString()!.StartsWith("niet gevonden", StringComparison.Ordinal));
    }

    [Theory] // Voorjaarsvakantie 2026: noord 21 Feb - 1 Mar (Zaanlands, Landstede), midden and zuid 14-22 Feb.
    [InlineData(2026, 2, 16, true, false, false)]
    [InlineData(2026, 2, 23, false, true, true)]
    [InlineData(2026, 3, 2, true, true, true)]
    public void Voorjaarsvakantie2026_NoordAWeekLaterThanMiddenAndZuid(int y, int m, int d, bool noord, bool midden, bool zuid) =>
        Assert.Equal((noord, midden, zuid), (Noord.IsSchoolDay(D(y, m, d)), Midden.IsSchoolDay(D(y, m, d)), Zuid.IsSchoolDay(D(y, m, d))));

    [Theory] // Voorjaarsvakantie 2027: noord and midden 20-28 Feb (CKC De Regenboog, noord, and Mariaschool, midden: 22-26 Feb 2027).
    [InlineData(2027, 2, 15, true, true)]
    [InlineData(2027, 2, 22, false, false)]
    [InlineData(2027, 2, 26, false, false)]
    [InlineData(2027, 3, 1, true, true)]
    public void Voorjaarsvakantie2027_NoordAndMidden_TheWeekOf22February(int y, int m, int d, bool noord, bool midden) =>
        Assert.Equal((noord, midden), (Noord.IsSchoolDay(D(y, m, d)), Midden.IsSchoolDay(D(y, m, d))));

    [Theory] // Zomervakantie 2027: midden 17 Jul - 29 Aug (midden rosters), noord 10 Jul - 22 Aug; zuid 3 Jul - 15 Aug (derived, see the file).
    [InlineData(2027, 7, 5, true, true, false)]
    [InlineData(2027, 7, 12, false, true, false)]
    [InlineData(2027, 7, 19, false, false, false)]
    [InlineData(2027, 8, 16, false, false, true)]
    [InlineData(2027, 8, 23, true, false, true)]
    [InlineData(2027, 8, 30, true, true, true)]
    public void Zomervakantie2027_PerRegion(int y, int m, int d, bool noord, bool midden, bool zuid) =>
        Assert.Equal((noord, midden, zuid), (Noord.IsSchoolDay(D(y, m, d)), Midden.IsSchoolDay(D(y, m, d)), Zuid.IsSchoolDay(D(y, m, d))));

    [Fact] // OCW (via VOS/ABB): the zuid advice for 2026-2027 does not coincide with carnaval (7-9 Feb 2027); a zuid school moves the advisory week itself.
    public void Voorjaarsvakantie2027Zuid_IsNotTheCarnavalWeek_ButASchoolMayMoveItThere()
    {
        Assert.True(Zuid.IsSchoolDay(D(2027, 2, 8))); // Monday of carnaval
        Assert.False(Zuid.IsSchoolDay(D(2027, 2, 22)));

        var carnavalSchool = SchoolCalendar.ForRegion(HolidayRegion.Zuid, ownHolidays: [new SchoolHoliday("Voorjaarsvakantie", D(2027, 2, 6), D(2027, 2, 14))]);
        Assert.False(carnavalSchool.IsSchoolDay(D(2027, 2, 8)));
        Assert.True(carnavalSchool.IsSchoolDay(D(2027, 2, 22)));
        // The moved week replaces the region's: it is the same holiday, not an extra one.
        Assert.Single(carnavalSchool.Holidays, h => h.Name == "Voorjaarsvakantie" && SchoolYear.Of(h.First).StartYear == 2026);
    }

    [Fact] // rijksoverheid.nl: zomer-, kerst- and meivakantie are mandatory; moving them needs OCW's consent, so the configuration is refused.
    public void OwnHolidays_AMandatoryHoliday_IsRefusedInDutch()
    {
        var error = Assert.Throws<ArgumentException>(() => SchoolCalendar.ForRegion(HolidayRegion.Midden, ownHolidays: [new SchoolHoliday("Zomervakantie", D(2027, 7, 10), D(2027, 8, 22))]));
        Assert.Contains("verplicht", error.Message, StringComparison.Ordinal);
        Assert.Contains("geen krokusvakantie", Assert.Throws<ArgumentException>(() => SchoolCalendar.ForRegion(HolidayRegion.Midden, ownHolidays: [new SchoolHoliday("Krokusvakantie", D(2027, 2, 1), D(2027, 2, 5))])).Message, StringComparison.Ordinal);
    }

    [Theory] // cao PO art. 1.1 (AVS): "5 mei, nationale feestdag (eens in de vijf jaar)": a day off only in lustrum years.
    [InlineData(2025, true)]
    [InlineData(2026, false)]
    [InlineData(2027, false)]
    [InlineData(2028, false)]
    [InlineData(2029, false)]
    [InlineData(2030, true)]
    public void Bevrijdingsdag_IsADayOffOnlyInLustrumYears(int year, bool off) =>
        Assert.Equal(off, SchoolHolidayData.IsBevrijdingsdagOff(year));

    [Fact] // Tue 5 May 2026 and Wed 5 May 2027 are school days by default; a school that closes anyway records it as its own day off.
    public void Bevrijdingsdag2026And2027_SchoolDays_UnlessTheSchoolGivesThemOff()
    {
        Assert.True(Midden.IsSchoolDay(D(2026, 5, 5)));
        Assert.True(Midden.IsSchoolDay(D(2027, 5, 5)));
        Assert.True(Midden.IsWorkingDay(D(2027, 5, 5)));
        Assert.False(SchoolCalendar.ForRegion(HolidayRegion.Midden, [D(2026, 5, 5)]).IsSchoolDay(D(2026, 5, 5)));
    }

    [Theory] // domain.md §4: a week with a holiday is no lesweek; a feestdag or study day inside a week does not change that.
    [InlineData(2026, 10, 21, false)] // herfstvakantie midden
    [InlineData(2027, 5, 6, true)]    // Hemelvaartsdag, in an otherwise normal week
    [InlineData(2027, 3, 29, true)]   // Tweede Paasdag
    [InlineData(2026, 12, 16, true)]  // the week before the kerstvakantie (it starts on Saturday 19 Dec)
    [InlineData(2026, 12, 23, false)]
    public void IsLesweek_HolidayWeeksOnly(int y, int m, int d, bool lesweek) =>
        Assert.Equal(lesweek, Midden.IsLesweek(D(y, m, d)));

    [Fact] // 4 lesweken back from Wed 4 Nov 2026 (midden): 2 Nov, 26 Oct, (herfst skipped), 12 Oct, 5 Oct; and forward from 1 Oct to Fri 30 Oct.
    public void LeswekenWindow_SkipsTheHolidayWeek()
    {
        Assert.Equal(D(2026, 10, 5), Midden.LeswekenWindowStart(D(2026, 11, 4), 4));
        Assert.Equal(D(2026, 10, 30), Midden.LeswekenWindowEnd(D(2026, 10, 1), 4));
        Assert.Equal(D(2026, 12, 18), Midden.LastSchoolDayOnOrBefore(D(2026, 12, 24)));
        Assert.Equal(D(2026, 8, 31), Midden.FirstSchoolDay(new SchoolYear(2026)));
    }
}
