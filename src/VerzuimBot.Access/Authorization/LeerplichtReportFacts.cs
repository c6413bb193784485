namespace VerzuimBot.Access.Authorization;

/// <summary>
/// The facts the §8 rule "illness is not reported to leerplicht" looks at.
/// <paramref name="VermoedenOngeoorloofdRecorded"/> is the school's recorded judgement that the
/// absence is really unauthorised (the gesprek outcome "ongeoorloofd"), or the jeugdarts' recorded
/// advice to report. <paramref name="HasSchorsing"/>: a schorsing is recorded, which leerplicht must hear of (002 §1.3.1).
/// </summary>
public sealed record LeerplichtReportFacts(bool HasIllness, bool HasUnauthorisedAbsence, bool VermoedenOngeoorloofdRecorded, bool HasSchorsing = false);
