namespace VerzuimBot.Access.Authorization;

/// <summary>
/// domain.md §8, first rule: illness is authorised absence and is not reported to leerplicht,
/// unless the school suspects it is really unauthorised and has recorded that judgement. Sending a
/// sick-only case without that step would be a data leak under the AVG, so it is refused.
/// </summary>
public static class LeerplichtReportRule
{
    internal const string SickOnlyRefusal =
        "Deze leerling is alleen ziek gemeld. Ziekte meld je niet bij leerplicht, tenzij de school heeft vastgelegd dat zij ongeoorloofd verzuim vermoedt (uitkomst van het gesprek). Leg dat eerst vast.";

    /// <returns>Null when the case may be reported; otherwise the Dutch refusal.</returns>
    public static string? Check(LeerplichtReportFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.HasUnauthorisedAbsence || facts.VermoedenOngeoorloofdRecorded || facts.HasSchorsing)
        {
            return null;
        }

        return facts.HasIllness
            ? SickOnlyRefusal
            : "Er is geen verzuim vastgelegd dat bij leerplicht gemeld kan worden.";
    }
}
