using VerzuimBot.Access.Authorization;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Protocol.Staff;

namespace VerzuimBot.Staff;

/// <summary>
/// How people are named on cards and in replies: "Rita Receptie (receptie)", never an e-mail address (issue 21 item 5).
/// The name is the one Teams (or the demo persona) gave when the person acted; without one, the part of the address
/// before the @, so neither a school's nor a kernpartner's staff address is ever shown in full.
/// </summary>
internal static class PeopleNames
{
    /// <summary>"Rita Receptie (receptie)": who recorded a fact, in which role.</summary>
    public static string WithRole(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return $"{Name(actor)} ({RoleNames.Dutch(actor.Role)})";
    }

    /// <summary>"Max Mentor (mentor)": the person acting now, in the role they act in.</summary>
    public static string WithRole(StaffMember staff, Role role)
    {
        ArgumentNullException.ThrowIfNull(staff);
        return $"{Name(staff)} ({RoleNames.Dutch(role)})";
    }

    public static string Name(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.ShownName;
    }

    public static string Name(StaffMember staff)
    {
        ArgumentNullException.ThrowIfNull(staff);
        return new Actor(new StaffId(staff.Email), default, Clean(staff.Name)).ShownName;
    }

    /// <summary>A display name as Teams sends it, trimmed and capped; null when there is none worth showing.</summary>
    public static string? Clean(string? displayName)
    {
        var name = displayName?.Trim();
        return string.IsNullOrEmpty(name) || name.Any(char.IsControl) ? null : name.Length <= 100 ? name : name[..100];
    }
}
