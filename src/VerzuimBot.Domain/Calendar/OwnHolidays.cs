namespace VerzuimBot.Domain.Calendar;

/// <summary>
/// A school's own holiday weeks in place of the region's advice: a school may move the herfst- or voorjaarsvakantie
/// without asking OCW (a zuid school often takes the carnaval week), but not the mandatory zomer-, kerst- or meivakantie
/// (rijksoverheid.nl, "Overheid stelt data schoolvakanties vast"). Extra free days are study days, not moved holidays.
/// </summary>
public static class OwnHolidays
{
    /// <summary>
    /// <paramref name="regional"/> with each of <paramref name="own"/> in place of the region's holiday of the same name in
    /// the same school year. A Dutch <see cref="ArgumentException"/> when there is no such holiday or it is mandatory.
    /// </summary>
    public static IReadOnlyList<SchoolHoliday> Apply(IReadOnlyList<SchoolHoliday> regional, IEnumerable<SchoolHoliday> own)
    {
        ArgumentNullException.ThrowIfNull(regional);
        ArgumentNullException.ThrowIfNull(own);
        var result = regional.ToList();
        foreach (var moved in own)
        {
            if (moved.Last < moved.First)
            {
                throw new ArgumentException($"De eigen {moved.Name.ToLowerInvariant()} eindigt ({moved.Last:dd-MM-yyyy}) vóór de eerste dag ({moved.First:dd-MM-yyyy}).", nameof(own));
            }

            var year = SchoolYear.Of(moved.First);
            var index = result.FindIndex(h => string.Equals(h.Name, moved.Name, StringComparison.OrdinalIgnoreCase) && SchoolYear.Of(h.First) == year);
            if (index < 0)
            {
                throw new ArgumentException($"In schooljaar {year} is er geen {moved.Name.ToLowerInvariant()} om te verschuiven (kies Herfstvakantie of Voorjaarsvakantie).", nameof(own));
            }

            if (!result[index].Advisory)
            {
                throw new ArgumentException($"De {result[index].Name.ToLowerInvariant()} is verplicht (Regeling vaststelling schoolvakanties); afwijken kan alleen met toestemming van OCW. Extra vrije dagen zijn studiedagen.", nameof(own));
            }

            result[index] = moved with { Name = result[index].Name, Advisory = true };
        }

        return result;
    }
}
