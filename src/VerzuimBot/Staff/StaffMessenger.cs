using VerzuimBot.Access.Authorization;
using VerzuimBot.Access;
using VerzuimBot.Connector.Client;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Demo;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Storage;
using VerzuimBot.Protocol.Staff;

namespace VerzuimBot.Staff;

/// <summary>
/// Sends a card to staff by e-mail address: to every Teams user linked to that address in the
/// organisation's tenants, in their chat with the bot; to their replacement while they are absent.
/// A connector failure is thrown, so the caller (the scheduler) retries the whole task later.
/// </summary>
internal sealed class StaffMessenger(
    StaffIdentityStore identities, ConversationReferenceStore references, StaffAbsenceStore absences, ConnectorClient connector, DemoStage stage, TimeProvider time, ILogger<StaffMessenger> logger)
{
    /// <returns>How many recipients the card reached (0: nobody has a chat with the bot yet).</returns>
    public async Task<int> SendAsync(IReadOnlyList<Recipient> recipients, JsonNodeCard card, CancellationToken cancellationToken)
    {
        var reached = 0;
        var sentTo = new HashSet<string>(StringComparer.Ordinal);
        foreach (var recipient in recipients)
        {
            if (await SendToAsync(recipient, recipient.Email, card, sentTo, hops: 0, cancellationToken).ConfigureAwait(false))
            {
                reached++;
            }
        }

        return reached;
    }

    private async Task<bool> SendToAsync(Recipient recipient, string email, JsonNodeCard card, HashSet<string> sentTo, int hops, CancellationToken cancellationToken)
    {
        var delivered = false;
        foreach (var tenant in recipient.Organisation.TenantIds)
        {
            foreach (var identity in await identities.FindByEmailAsync(tenant, email, cancellationToken).ConfigureAwait(false))
            {
                var absence = await absences.FindAsync(tenant, identity.AadObjectId, cancellationToken).ConfigureAwait(false);
                if (absence is not null && absence.Until >= SchoolClock.Today(time) && hops == 0)
                {
                    // Tasks follow the replacement while someone is away (their own "afwezig" setting).
                    delivered |= await SendToAsync(recipient, EmailAddress.Normalise(absence.Replacement), card, sentTo, hops + 1, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (await references.FindAsync(tenant, identity.AadObjectId, cancellationToken).ConfigureAwait(false) is { } chat && sentTo.Add(chat.ConversationId))
                {
                    await connector.SendAsync(chat.ServiceUrl, chat.ConversationId, Activity.CardMessage(card) with { From = new ChannelAccount(chat.BotId) }, cancellationToken).ConfigureAwait(false);
                    delivered = true;
                }
            }
        }

        if (!delivered && stage.Stage is { } demo && sentTo.Add(demo.ConversationId + "|" + email))
        {
            // Development demo: the persona has no chat of its own, so it is shown in the demo user's chat.
            var message = Activity.CardMessage(card) with { From = new ChannelAccount(demo.BotId), Text = $"Voor {stage.NameOf(email)} ({RoleNames.Dutch(recipient.Role)}):" };
            await connector.SendAsync(demo.ServiceUrl, demo.ConversationId, message, cancellationToken).ConfigureAwait(false);
            delivered = true;
        }

        if (!delivered)
        {
            logger.LogInformation("A recipient with role {Role} has no chat with the bot yet", recipient.Role);
        }

        return delivered;
    }
}
