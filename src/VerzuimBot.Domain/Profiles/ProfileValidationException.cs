namespace VerzuimBot.Domain.Profiles;

/// <summary>An invalid profile file; <see cref="Field"/> names the offending field (e.g. "ziekteverzuim.consultBinnenSchooldagen").</summary>
public sealed class ProfileValidationException(string profile, string field, string problem)
    : Exception($"Profiel '{profile}' is ongeldig: veld '{field}' {problem}.")
{
    public string Field { get; } = field;
}
