namespace VerzuimBot.Domain.Dossier;

/// <summary>
/// The current vrijstelling 5a procedure of a dossier (002 §7, 000 "Betrokkenheid van het SWV bij de toetsing van
/// een aanvraag tot vrijstelling"): the steps recorded since the latest aanvraag, in order. Leerplicht receives the
/// aanvraag, the jeugdarts investigates and puts it to the SWV, the SWV answers whether passend onderwijs is possible,
/// the jeugdarts advises leerplicht, leerplicht decides.
/// </summary>
public sealed record VrijstellingProcedure(VrijstellingStepRecorded Aanvraag, IReadOnlyList<VrijstellingStepRecorded> Steps)
{
    public VrijstellingStepRecorded Last => Steps[^1];

    /// <summary>Leerplicht decided: vrijstelling verleend or not.</summary>
    public bool IsFinished => Last.Step is VrijstellingStep.VrijstellingVerleend or VrijstellingStep.VrijstellingNietVerleend;

    /// <summary>The SWV's answer, once given.</summary>
    public VrijstellingStepRecorded? SwvAnswer => Steps.LastOrDefault(s => s.Step is VrijstellingStep.SwvPassendOnderwijsMogelijk or VrijstellingStep.SwvGeenPassendOnderwijs);

    /// <summary>The jeugdarts' advice to leerplicht, once given.</summary>
    public VrijstellingStepRecorded? Advice => Steps.LastOrDefault(s => s.Step == VrijstellingStep.AdviesAanLeerplicht);

    /// <summary>Whether <paramref name="step"/> is the one the procedure waits for now (the SWV may answer either way).</summary>
    public bool Expects(VrijstellingStep step) => !IsFinished && (Last.Step, step) switch
    {
        (VrijstellingStep.AanvraagOntvangen, VrijstellingStep.OnderzoekJeugdarts) => true,
        (VrijstellingStep.OnderzoekJeugdarts, VrijstellingStep.SwvPassendOnderwijsMogelijk or VrijstellingStep.SwvGeenPassendOnderwijs) => true,
        (VrijstellingStep.SwvPassendOnderwijsMogelijk or VrijstellingStep.SwvGeenPassendOnderwijs, VrijstellingStep.AdviesAanLeerplicht) => true,
        (VrijstellingStep.AdviesAanLeerplicht, VrijstellingStep.VrijstellingVerleend or VrijstellingStep.VrijstellingNietVerleend) => true,
        _ => false,
    };

    /// <summary>The procedure since the latest aanvraag; null when no aanvraag was recorded.</summary>
    public static VrijstellingProcedure? Current(DossierView dossier)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        var steps = dossier.Of<VrijstellingStepRecorded>().ToList();
        var start = steps.FindLastIndex(s => s.Step == VrijstellingStep.AanvraagOntvangen);
        return start < 0 ? null : new VrijstellingProcedure(steps[start], steps.Skip(start).ToList());
    }
}
