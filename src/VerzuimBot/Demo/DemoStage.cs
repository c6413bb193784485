using System.Collections.Concurrent;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Storage;

namespace VerzuimBot.Demo;

/// <summary>Configuration section "Demo" (appsettings.Demo.json, read only by the Development demo).</summary>
internal sealed class DemoOptions
{
    public const string SectionName = "Demo";

    public bool Enabled { get; set; }

    public string SchoolId { get; set; } = "99DE00";

    /// <summary>Show messages for staff without a chat of their own in the demo user's chat (off in tests of the real routing).</summary>
    public bool ShowOthersInMyChat { get; set; } = true;

    public List<DemoPersona> Personas { get; set; } = [];

    public List<DemoStudent> Students { get; set; } = [];

    public List<DemoRole> Roles { get; set; } = [];
}

/// <summary>A fictional student of the demo school.</summary>
internal sealed class DemoStudent
{
    public string Leerlingnummer { get; set; } = string.Empty;

    public string Roepnaam { get; set; } = string.Empty;

    public string? Tussenvoegsel { get; set; }

    public string Achternaam { get; set; } = string.Empty;

    public DateOnly Geboortedatum { get; set; }

    public string Klas { get; set; } = string.Empty;

    public string MentorEmail { get; set; } = string.Empty;

    public string Woongemeente { get; set; } = string.Empty;

    /// <summary>Optional day of enrolment (a ziekmelding never starts before it).</summary>
    public DateOnly? Inschrijfdatum { get; set; }
}

/// <summary>A role of the demo: organisation, role, e-mail and scope as a beheerder would assign it.</summary>
internal sealed class DemoRole
{
    public string Organisation { get; set; } = string.Empty;

    public Role Role { get; set; }

    public string Email { get; set; } = string.Empty;

    public string Scope { get; set; } = string.Empty;
}

/// <summary>A fictional staff member the single Playground user can play ("speel mentor").</summary>
internal sealed class DemoPersona
{
    public Role Role { get; set; }

    public string Email { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;
}

/// <summary>
/// The Playground has one typing user, so in the Development demo that user can play each role, and
/// messages for staff who have no chat with the bot are shown in the demo user's chat ("Voor Max
/// Mentor (mentor)"). Disabled — every method a no-op — unless the host is a Development demo.
/// </summary>
internal sealed class DemoStage(DemoOptions options)
{
    private readonly ConcurrentDictionary<(string Tenant, string User), DemoPersona> _playing = new();
    private ConversationReferenceRecord? _stage;

    public bool Enabled => options.Enabled;

    public IReadOnlyList<DemoPersona> Personas => Enabled ? options.Personas : [];

    public DemoPersona? PersonaOf(string tenantId, string aadObjectId) =>
        Enabled && _playing.TryGetValue((tenantId, aadObjectId), out var persona) ? persona : null;

    public DemoPersona? Play(string tenantId, string aadObjectId, Role role)
    {
        if (!Enabled || options.Personas.FirstOrDefault(p => p.Role == role) is not { } persona)
        {
            return null;
        }

        _playing[(tenantId, aadObjectId)] = persona;
        return persona;
    }

    public void StopPlaying(string tenantId, string aadObjectId) => _playing.TryRemove((tenantId, aadObjectId), out _);

    /// <summary>The demo user's personal chat: where messages for personas without a chat of their own appear.</summary>
    public ConversationReferenceRecord? Stage => Enabled && options.ShowOthersInMyChat ? Volatile.Read(ref _stage) : null;

    public void RememberStage(ConversationReferenceRecord personalChat)
    {
        if (Enabled)
        {
            Volatile.Write(ref _stage, personalChat);
        }
    }

    public string NameOf(string email) =>
        Personas.FirstOrDefault(p => string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase))?.Name ?? email;
}
