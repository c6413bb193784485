namespace VerzuimBot.Storage;

/// <summary>Where a closed dossier is in its anonymisation; stored as a property of the head row.</summary>
public enum RetentionState
{
    Kept,
    Anonymising,
    Anonymised,
}
