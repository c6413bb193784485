using VerzuimBot.Access.Authorization;
using VerzuimBot.Access.Identities;
using VerzuimBot.Access.Tenants;
using VerzuimBot.Connector.Client;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Demo;
using VerzuimBot.Protocol.Staff;

namespace VerzuimBot.Staff;

/// <summary>Either a staff member, or a Dutch sentence saying why the bot cannot act for this person.</summary>
internal sealed record StaffResolution(StaffMember? Member, string? Refusal);

/// <summary>
/// Resolves who is acting, per turn and per card press (never from the card's data, so a forwarded
/// card is judged on the presser). On first contact the Teams user is linked to the e-mail of their
/// UPN, read from the conversation's member list because activities do not carry it.
/// </summary>
internal sealed class ActingStaff(IdentityService identities, TenantPolicy tenants, ConnectorClient connector, DemoStage stage, ILogger<ActingStaff> logger)
{
    public const string Unidentified = "Ik kan niet zien wie je bent in dit gesprek. Gebruik VerzuimBot vanuit Teams met je werkaccount.";
    public const string NoRole = "Je hebt nog geen rol in VerzuimBot. Vraag de beheerder van je school om je een rol te geven (typ \"wie ben ik\" voor de gegevens die de beheerder nodig heeft).";

    public const string PersonalChatOnly = "Doe dit in je persoonlijke chat met VerzuimBot: daar ziet niemand anders de gegevens van de leerling.";

    /// <summary>
    /// For commands about one student: names and absence of children are never shown to a whole group or channel
    /// (domain.md §8), so outside the personal chat the answer is where to go instead.
    /// </summary>
    public Task<StaffResolution> ResolveInPersonalChatAsync(Activity activity, CancellationToken cancellationToken) =>
        activity.Conversation?.ConversationType is { } type && type != "personal"
            ? Task.FromResult(new StaffResolution(null, PersonalChatOnly))
            : ResolveAsync(activity, cancellationToken);

    public async Task<StaffResolution> ResolveAsync(Activity activity, CancellationToken cancellationToken)
    {
        var tenant = activity.TenantId;
        var aad = activity.From?.AadObjectId;
        if (string.IsNullOrWhiteSpace(tenant) || string.IsNullOrWhiteSpace(aad))
        {
            return new StaffResolution(null, Unidentified);
        }

        if (stage.PersonaOf(tenant, aad) is { } persona)
        {
            var played = await identities.ResolveByEmailAsync(tenant, persona.Email, cancellationToken).ConfigureAwait(false);
            return played is { Grants.Count: > 0 } ? new StaffResolution(new StaffMember(played, played.UserId, true, persona.Name), null) : new StaffResolution(null, NoRole);
        }

        var allowed = tenants.Check(tenant);
        if (!allowed.IsAllowed)
        {
            return new StaffResolution(null, allowed.RefusalMessage ?? Unidentified);
        }

        var actor = await identities.ResolveActorAsync(tenant, aad, cancellationToken).ConfigureAwait(false);
        if (actor is null)
        {
            var member = await MemberAsync(activity, cancellationToken).ConfigureAwait(false);
            var link = await identities.LinkOnFirstContactAsync(new TeamsUser(tenant, aad, member?.UserPrincipalName ?? member?.Email, member?.Name), cancellationToken).ConfigureAwait(false);
            if (!link.IsLinked)
            {
                return new StaffResolution(null, link.Message ?? Unidentified);
            }

            actor = await identities.ResolveActorAsync(tenant, aad, cancellationToken).ConfigureAwait(false);
        }

        return actor is { Grants.Count: > 0 } ? new StaffResolution(new StaffMember(actor, actor.UserId, false, PeopleNames.Clean(activity.From?.Name)), null) : new StaffResolution(null, NoRole);
    }

    /// <summary>
    /// The person behind <paramref name="activity"/> as VerzuimBot knows them now (their demo persona included), without linking
    /// anyone or asking Teams for the member: for answers that only adapt to the person, such as help. Null when unknown.
    /// </summary>
    public async Task<StaffMember?> KnownAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.TenantId is not { Length: > 0 } tenant || activity.From?.AadObjectId is not { Length: > 0 } aad)
        {
            return null;
        }

        var persona = stage.PersonaOf(tenant, aad);
        return await KnownActorAsync(tenant, aad, cancellationToken).ConfigureAwait(false) is { } actor
            ? new StaffMember(actor, actor.UserId, persona is not null, persona?.Name ?? PeopleNames.Clean(activity.From.Name))
            : null;
    }

    /// <summary>The grants of a chat member as far as VerzuimBot knows them (the demo persona they play included); null when unknown. Links nobody.</summary>
    public async Task<AccessActor?> KnownActorAsync(string tenant, string aadObjectId, CancellationToken cancellationToken)
    {
        if (stage.PersonaOf(tenant, aadObjectId) is { } persona)
        {
            return await identities.ResolveByEmailAsync(tenant, persona.Email, cancellationToken).ConfigureAwait(false);
        }

        return tenants.Check(tenant).IsAllowed ? await identities.ResolveActorAsync(tenant, aadObjectId, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>
    /// When the bot is added to a group chat or team: link every member from the member list, so the
    /// kernpartners in it can be reached and recognised before they ever type (issue 7 item 2).
    /// </summary>
    public async Task<int> LinkMembersAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.TenantId is not { } tenant || !tenants.Check(tenant).IsAllowed || activity.ServiceUrl is null || activity.Conversation?.Id is null)
        {
            return 0;
        }

        IReadOnlyList<TeamsMember> members;
        try
        {
            members = await connector.GetMembersAsync(activity.ServiceUrl, activity.Conversation.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException ex)
        {
            logger.LogWarning("Could not read the member list (status {Status})", ex.Status);
            return 0;
        }

        var linked = 0;
        foreach (var member in members.Where(m => !string.IsNullOrWhiteSpace(m.AadObjectId)).Take(500))
        {
            var result = await identities.LinkOnFirstContactAsync(new TeamsUser(tenant, member.AadObjectId!, member.UserPrincipalName ?? member.Email, member.Name), cancellationToken).ConfigureAwait(false);
            linked += result.IsLinked ? 1 : 0;
        }

        return linked;
    }

    private async Task<TeamsMember?> MemberAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.From?.Id is not { Length: > 0 } memberId || activity.ServiceUrl is null || activity.Conversation?.Id is null)
        {
            return null;
        }

        try
        {
            return await connector.GetMemberAsync(activity.ServiceUrl, activity.Conversation.Id, memberId, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException ex)
        {
            logger.LogWarning("Could not read the member for identity linking (status {Status})", ex.Status);
            return null;
        }
    }
}
