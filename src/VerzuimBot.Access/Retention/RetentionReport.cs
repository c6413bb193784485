namespace VerzuimBot.Access.Retention;

/// <summary>What one retention run did, with a Dutch summary.</summary>
public sealed record RetentionReport(int Kept, int Anonymised, int AlreadyAnonymised, int ClaimedElsewhere, int RosterEntriesRemoved, int DialogStatesRemoved = 0)
{
    public string Summary =>
        $"Bewaartermijn: {Anonymised} dossiers geanonimiseerd, {RosterEntriesRemoved} vertrokken leerlingen verwijderd, {Kept} gesloten dossiers nog binnen de termijn, {AlreadyAnonymised} al geanonimiseerd, {ClaimedElsewhere} door een andere instantie in behandeling, {DialogStatesRemoved} onafgemaakte gesprekken verwijderd.";

    public RetentionReport Add(RetentionReport other) => new(
        Kept + other.Kept,
        Anonymised + other.Anonymised,
        AlreadyAnonymised + other.AlreadyAnonymised,
        ClaimedElsewhere + other.ClaimedElsewhere,
        RosterEntriesRemoved + other.RosterEntriesRemoved,
        DialogStatesRemoved + other.DialogStatesRemoved);
}
