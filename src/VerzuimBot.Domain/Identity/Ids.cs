namespace VerzuimBot.Domain.Identity;

// Ids never hold a name, BSN or e-mail address: they end up in keys, logs and URLs (AVG).

/// <summary>A school, by BRIN code plus optional location (e.g. "12AB00").</summary>
public readonly record struct SchoolId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>A student, opaque and stable (derived from school + leerlingnummer, never from the name).</summary>
public readonly record struct StudentId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>A member of staff or a kernpartner, by Azure AD object id or another opaque key.</summary>
public readonly record struct StaffId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>A protocol task; the same situation always yields the same id, so a task is never produced twice.</summary>
public readonly record struct TaskId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>One dossier event.</summary>
public readonly record struct EventId(string Value)
{
    public override string ToString() => Value;
}
