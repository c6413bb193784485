using FsCheck;
using FsCheck.Fluent;
using VerzuimBot.Domain.Calendar;

namespace VerzuimBot.Domain.Tests.Calendar;

// Properties of the school-day arithmetic over the whole known range, every region.
public class SchoolCalendarPropertyTests
{
    private static readonly DateOnly First = new(2025, 8, 1);

    private static Arbitrary<(HolidayRegion Region, DateOnly Date, int N)> Inputs() =>
        (from region in Gen.Elements(HolidayRegion.Noord, HolidayRegion.Midden, HolidayRegion.Zuid)
         from offset in Gen.Choose(0, 900)
         from n in Gen.Choose(1, 40)
         select (region, First.AddDays(offset), n)).ToArbitrary();

    [Fact]
    public void AddSchoolDays_ResultIsASchoolDay_AndCountRoundTrips() =>
        Prop.ForAll(Inputs(), input =>
        {
            var calendar = SchoolCalendar.ForRegion(input.Region);
            var result = calendar.AddSchoolDays(input.Date, input.N);
            return calendar.IsSchoolDay(result) && calendar.CountSchoolDays(input.Date.AddDays(1), result) == input.N && result > input.Date;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void AddSchoolDays_IsMonotonic() =>
        Prop.ForAll(Inputs(), input =>
        {
            var calendar = SchoolCalendar.ForRegion(input.Region);
            return calendar.AddSchoolDays(input.Date, input.N + 1) > calendar.AddSchoolDays(input.Date, input.N);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void WindowStart_CountsExactlyTheWindow_WhenEndIsASchoolDay() =>
        Prop.ForAll(Inputs(), input =>
        {
            var calendar = SchoolCalendar.ForRegion(input.Region);
            var end = calendar.AddSchoolDays(input.Date.AddDays(120), 0);
            var size = input.N;
            return calendar.CountSchoolDays(calendar.WindowStart(end, size), end) == size;
        }).QuickCheckThrowOnFailure();
}
