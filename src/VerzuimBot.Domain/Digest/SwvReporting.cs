using VerzuimBot.Domain.Dossier;

namespace VerzuimBot.Domain.Digest;

/// <summary>
/// Whether a thuiszitter case was reported to the SWV: the school's checklist item "Leerling gemeld bij het
/// samenwerkingsverband" (004 Werkwijzer) was completed. Same test as Access' StudentContextFactory, but per case:
/// a student who came back and is away again is only listed once the new case is reported too (domain.md §8).
/// </summary>
public static class SwvReporting
{
    public static bool IsReportedToSwv(ThuiszitterCase openCase)
    {
        ArgumentNullException.ThrowIfNull(openCase);
        return openCase.CompletedItems.Any(MentionsSwv);
    }

    public static bool MentionsSwv(string item) =>
        item.Contains("samenwerkingsverband", StringComparison.OrdinalIgnoreCase) || item.Contains("SWV", StringComparison.Ordinal);
}
