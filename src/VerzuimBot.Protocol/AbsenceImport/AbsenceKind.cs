using VerzuimBot.Domain.Dossier;

namespace VerzuimBot.Protocol.AbsenceImport;

/// <summary>What a registration of the school system means for the protocol: the event kinds a chat fact has too.</summary>
public enum AbsenceKind
{
    /// <summary>Ziek (002 Bijlage 1): consecutive school days become one sick period.</summary>
    Ziek = 1,

    /// <summary>Ongeoorloofd: lesuren on the hours ladder (004 Verzuimschema).</summary>
    Ongeoorloofd,

    /// <summary>Te laat: one late arrival per day, as in chat.</summary>
    TeLaat,

    /// <summary>Geoorloofd with a reason of 002 §1.3.1 other than illness: never verzuim.</summary>
    Geoorloofd,

    /// <summary>Schorsing (002 §1.3.1): consecutive school days become one schorsing the school reports to leerplicht.</summary>
    Schorsing,

    /// <summary>Extra verlof the school granted (002 §1.3.1 "Vakantie"): never verzuim.</summary>
    Verlof,

    /// <summary>A registration that is no absence for the protocol (uitgestuurd, huiswerk vergeten, excursie): read, not recorded.</summary>
    Negeren,
}

/// <summary>The meaning of one code of the school system: a kind, and for geoorloofd its reason.</summary>
public sealed record AbsenceCodeMeaning(AbsenceKind Kind, AuthorisedAbsenceReason? Reason)
{
    /// <summary>
    /// Reads a mapping value: "ziek", "ongeoorloofd", "te laat", "schorsing", "verlof", "negeren", or "geoorloofd" with a
    /// reason: "geoorloofd dokter", "geoorloofd religieuze feestdag", "geoorloofd huwelijk", "geoorloofd begrafenis". Null when unknown.
    /// </summary>
    public static AbsenceCodeMeaning? Parse(string? text)
    {
        var value = string.Join(' ', (text ?? string.Empty).Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return value switch
        {
            "ziek" => new(AbsenceKind.Ziek, null),
            "ongeoorloofd" => new(AbsenceKind.Ongeoorloofd, null),
            "te laat" or "telaat" => new(AbsenceKind.TeLaat, null),
            "schorsing" => new(AbsenceKind.Schorsing, null),
            "verlof" => new(AbsenceKind.Verlof, null),
            "negeren" => new(AbsenceKind.Negeren, null),
            "geoorloofd dokter" or "geoorloofd hulpverlening" => new(AbsenceKind.Geoorloofd, AuthorisedAbsenceReason.DokterOfHulpverlening),
            "geoorloofd religieuze feestdag" => new(AbsenceKind.Geoorloofd, AuthorisedAbsenceReason.ReligieuzeFeestdag),
            "geoorloofd huwelijk" => new(AbsenceKind.Geoorloofd, AuthorisedAbsenceReason.Huwelijk),
            "geoorloofd begrafenis" => new(AbsenceKind.Geoorloofd, AuthorisedAbsenceReason.Begrafenis),
            _ => null,
        };
    }

    /// <summary>The Dutch name, as a mapping file writes it.</summary>
    public override string ToString() => (Kind, Reason) switch
    {
        (AbsenceKind.TeLaat, _) => "te laat",
        (AbsenceKind.Geoorloofd, AuthorisedAbsenceReason.DokterOfHulpverlening) => "geoorloofd dokter",
        (AbsenceKind.Geoorloofd, AuthorisedAbsenceReason.ReligieuzeFeestdag) => "geoorloofd religieuze feestdag",
        (AbsenceKind.Geoorloofd, AuthorisedAbsenceReason.Huwelijk) => "geoorloofd huwelijk",
        (AbsenceKind.Geoorloofd, _) => "geoorloofd begrafenis",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
