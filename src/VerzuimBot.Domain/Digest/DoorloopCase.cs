namespace VerzuimBot.Domain.Digest;

/// <summary>One ended case for the doorloopsnelheid: school days from the first day, and from the thuiszitter day when it was one.</summary>
internal sealed record DoorloopCase(DateOnly EndedOn, int FromFirstDay, int? FromThuiszitter, bool Within3Months)
{
    public static Doorloopsnelheid Figures(IReadOnlyCollection<DoorloopCase> cases, DoorloopPeriods periods)
    {
        var current = cases.Where(c => c.EndedOn >= periods.CurrentFrom && c.EndedOn <= periods.CurrentUntil).ToList();
        var previous = periods.PreviousFrom is { } from && periods.PreviousUntil is { } until
            ? cases.Where(c => c.EndedOn >= from && c.EndedOn <= until).ToList()
            : [];
        return new Doorloopsnelheid(StatsFromFirst(current), StatsFromThuiszitter(current), StatsFromFirst(previous), StatsFromThuiszitter(previous));
    }

    private static DoorloopStats StatsFromFirst(List<DoorloopCase> cases) =>
        Stats(cases.Select(c => c.FromFirstDay).ToList(), cases.Count == 0 ? null : (double)cases.Count(c => c.Within3Months) / cases.Count);

    private static DoorloopStats StatsFromThuiszitter(List<DoorloopCase> cases) =>
        Stats(cases.Where(c => c.FromThuiszitter is not null).Select(c => c.FromThuiszitter!.Value).ToList(), null);

    private static DoorloopStats Stats(List<int> days, double? shareWithin3Months)
    {
        if (days.Count == 0)
        {
            return DoorloopStats.Empty;
        }

        days.Sort();
        var middle = days.Count / 2;
        var median = days.Count % 2 == 1 ? days[middle] : (days[middle - 1] + days[middle]) / 2.0;
        return new DoorloopStats(days.Count, median, days.Average(), shareWithin3Months);
    }
}
