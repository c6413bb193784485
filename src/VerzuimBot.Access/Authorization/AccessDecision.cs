namespace VerzuimBot.Access.Authorization;

/// <summary>
/// Allowed (with the grant that allowed it, for the audit) or denied (with a Dutch reason for the
/// user and a log-safe code). <see cref="IsOutsideSchool"/>: the grant is not one of the student's
/// own school, so a read must be audited (domain.md §8).
/// </summary>
public sealed record AccessDecision
{
    private AccessDecision(bool isAllowed, RoleGrant? grant, string? reason, string logCode, bool isOutsideSchool)
    {
        IsAllowed = isAllowed;
        Grant = grant;
        Reason = reason;
        LogCode = logCode;
        IsOutsideSchool = isOutsideSchool;
    }

    public bool IsAllowed { get; }

    public RoleGrant? Grant { get; }

    /// <summary>Dutch text for the user when denied.</summary>
    public string? Reason { get; }

    /// <summary>"allowed" or a short code such as "denied-not-mentee"; safe to log.</summary>
    public string LogCode { get; }

    public bool IsOutsideSchool { get; }

    public static AccessDecision Allowed(RoleGrant grant, bool isOutsideSchool) => new(true, grant, null, "allowed", isOutsideSchool);

    public static AccessDecision Denied(string reason, string logCode) => new(false, null, reason, logCode, false);
}
