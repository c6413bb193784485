using VerzuimBot.Domain.Calendar;
using static VerzuimBot.Domain.Tests.DossierBuilder;

namespace VerzuimBot.Domain.Tests.Calendar;

// domain.md §2: a school day is a weekday outside the region's holidays, national days off and the school's study days.
public class SchoolCalendarTests
{
    private static readonly SchoolCalendar Midden = SchoolCalendar.ForRegion(HolidayRegion.Midden);

    [Theory]
    [InlineData(2026, 10, 16, true)]   // Friday before herfstvakantie midden 2026
    [InlineData(2026, 10, 19, false)]  // herfstvakantie midden 17-25 Oct 2026
    [InlineData(2026, 10, 26, true)]   // first day back
    [InlineData(2026, 10, 24, false)]  // Saturday
    [InlineData(2026, 12, 28, false)]  // kerstvakantie
    [InlineData(2027, 5, 6, false)]    // Hemelvaartsdag
    [InlineData(2027, 3, 29, false)]   // Tweede Paasdag
    public void IsSchoolDay_RegionMidden_FollowsHolidays(int y, int m, int d, bool expected) =>
        Assert.Equal(expected, Midden.IsSchoolDay(D(y, m, d)));

    [Fact]
    public void IsSchoolDay_RegionsDiffer_HerfstvakantieNoord2026IsAWeekEarlier()
    {
        var noord = SchoolCalendar.ForRegion(HolidayRegion.Noord);
        Assert.False(noord.IsSchoolDay(D(2026, 10, 12)));
        Assert.True(Midden.IsSchoolDay(D(2026, 10, 12)));
        Assert.True(noord.IsSchoolDay(D(2026, 10, 19)));
    }

    [Fact]
    public void IsSchoolDay_StudyDayOfTheSchool_IsNoSchoolDay()
    {
        var calendar = SchoolCalendar.ForRegion(HolidayRegion.Midden, [D(2026, 11, 4)]);
        Assert.False(calendar.IsSchoolDay(D(2026, 11, 4)));
        Assert.Equal(D(2026, 11, 5), calendar.AddSchoolDays(D(2026, 11, 3), 1));
    }

    [Fact]
    public void AddSchoolDays_SpanningHerfstvakantie_SkipsTheWholeHoliday()
    {
        Assert.Equal(D(2026, 10, 26), Midden.AddSchoolDays(D(2026, 10, 16), 1));
        Assert.Equal(D(2026, 10, 27), Midden.AddSchoolDays(D(2026, 10, 16), 2));
        Assert.Equal(D(2026, 10, 26), Midden.AddSchoolDays(D(2026, 10, 18), 0));
    }

    [Fact]
    public void CountSchoolDays_IncludesBothEnds_AndSkipsKerstvakantie()
    {
        Assert.Equal(5, Midden.CountSchoolDays(D(2026, 11, 2), D(2026, 11, 6)));
        Assert.Equal(2, Midden.CountSchoolDays(D(2026, 12, 18), D(2027, 1, 4)));
        Assert.Equal(0, Midden.CountSchoolDays(D(2026, 11, 6), D(2026, 11, 2)));
    }

    [Fact]
    public void WindowStart_TwentySchoolDaysAcrossHerfstvakantie_ReachesFiveCalendarWeeksBack()
    {
        // domain.md §2: "een maand" = the last 20 school days, so the holiday does not eat into it.
        Assert.Equal(D(2026, 9, 29), Midden.WindowStart(D(2026, 11, 2), 20));
        Assert.Equal(D(2026, 11, 3), Midden.WindowStart(D(2026, 11, 30), 20));
    }

    [Fact]
    public void AddWorkingDays_OverChristmas_SkipsWeekendAndNationalHolidaysButNotSchoolHolidays()
    {
        Assert.True(Midden.IsWorkingDay(D(2026, 12, 28)));
        Assert.Equal(D(2027, 1, 5), Midden.AddWorkingDays(D(2026, 12, 18), 10));
    }

    [Theory]
    [InlineData(2026, 7, 31, 2025)]
    [InlineData(2026, 8, 1, 2026)]
    [InlineData(2027, 1, 15, 2026)]
    public void SchoolYear_RunsFromAugustFirstToJulyThirtyFirst(int y, int m, int d, int startYear) =>
        Assert.Equal(startYear, SchoolYear.Of(D(y, m, d)).StartYear);

    [Fact]
    public void DateOutsideKnownCalendar_IsAClearError()
    {
        var error = Assert.Throws<OutsideKnownCalendarException>(() => Midden.IsSchoolDay(D(2028, 9, 1)));
        Assert.Contains("01-09-2028", error.Message);
        Assert.Throws<OutsideKnownCalendarException>(() => Midden.AddSchoolDays(D(2028, 7, 20), 30));
    }

    [Fact]
    public void At_OnDstChangeDays_IsTheIntendedInstant()
    {
        Assert.Equal(TimeSpan.FromHours(2), SchoolClock.At(D(2026, 3, 30), new TimeOnly(8, 30)).Offset);
        Assert.Equal(TimeSpan.FromHours(1), SchoolClock.At(D(2026, 10, 26), new TimeOnly(8, 30)).Offset);
        // 02:30 on 29 March 2026 does not exist: moved forward; 02:30 on 25 October 2026 happens twice: the earlier.
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), SchoolClock.At(D(2026, 3, 29), new TimeOnly(2, 30)).ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), SchoolClock.At(D(2026, 10, 25), new TimeOnly(2, 30)).ToUniversalTime());
    }
}
