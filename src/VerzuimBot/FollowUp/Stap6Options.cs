namespace VerzuimBot.FollowUp;

/// <summary>
/// The follow-ups of 002 Bijlage 1 stap 6 and 002 §4 (domain.md §3): after an evaluation "niet opgevolgd" (contact jeugdarts;
/// unclear or complex: SWV and a groot overleg) or when the student did not come or will not cooperate (aanspreken, melden bij
/// leerplicht om te handhaven, opnieuw onderzoek door de jeugdarts, wijkteam betrekken). Shared by the evaluation card and
/// the follow-up card, so both say the same.
/// </summary>
internal static class Stap6Options
{
    public static readonly IReadOnlyDictionary<string, string> Titles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["contact-jeugdarts"] = "Contact opnemen met de jeugdarts",
        ["swv-groot-overleg"] = "SWV informeren en een groot overleg voorstellen",
        ["aanspreken"] = "Leerling en ouders aanspreken",
        ["leerplicht"] = "Melden bij leerplicht (handhaven)",
        ["opnieuw-jeugdarts"] = "Opnieuw onderzoek door de jeugdarts",
        ["wijkteam"] = "Wijkteam betrekken",
    };

    /// <summary>The question under which the evaluation card records its chosen follow-up.</summary>
    public const string EvaluationQuestion = "Vervolg na evaluatie plan van aanpak";
}
