using System.Globalization;
using System.Text.Json.Nodes;
using VerzuimBot.Cards;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Conversation;
using VerzuimBot.Messages;
using VerzuimBot.Staff;
using VerzuimBot.Storage;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.Digest;
using VerzuimBot.Protocol.Staff;

namespace VerzuimBot.Digest;

/// <summary>
/// "overzicht", "overzicht &lt;school&gt;", "overzicht export", and in a channel "overzicht hier" / "overzicht stop"
/// (the channel gets the digest on the profile's schedule). The digest names reported thuiszitters, so it is shown in
/// a personal chat or in a channel the SWV itself subscribed, never in a group chat (domain.md §8).
/// </summary>
internal sealed class DigestCommands(
    ActingStaff acting, SwvAudiences audiences, DigestComposer composer, DigestExportLinks links, DigestSubscriptionStore subscriptions, CardTemplateLibrary cards, TimeProvider time)
    : IChatCommands
{
    public const string NoPublicAddress = "Ik kan nu geen downloadlink maken: het openbare adres van VerzuimBot is niet ingesteld (Digest:PublicBaseUrl). Vraag het de beheerder.";

    public async Task<Activity?> TryHandleAsync(Activity activity, string command, string original, string dialogKey, CancellationToken cancellationToken)
    {
        if (Messages.CommandWords.Match(command, "overzicht") is not { } prefix)
        {
            return null;
        }

        var rest = Messages.CommandWords.Rest(original, prefix);
        var type = activity.Conversation?.ConversationType ?? "personal";
        if (type == "groupChat")
        {
            return Activity.Message("Het overzicht noemt leerlingen, dus ik laat het niet in een groepschat zien. Typ \"overzicht\" in je persoonlijke chat met VerzuimBot, of in het kanaal van het samenwerkingsverband.");
        }

        var resolved = await acting.ResolveAsync(activity, cancellationToken).ConfigureAwait(false);
        if (resolved.Member is not { } staff)
        {
            return Activity.Message(resolved.Refusal!);
        }

        var word = rest.Split(' ', 2)[0].ToLowerInvariant();
        var argument = word is "hier" or "stop" or "export" ? rest[word.Length..].Trim() : rest;
        var (audience, refusal) = audiences.For(staff, word is "hier" or "stop" ? null : argument);
        if (audience is null)
        {
            return Activity.Message(refusal!);
        }

        var channel = type == "channel" ? ConversationCapture.ChannelOf(activity.Conversation!.Id!) : null;
        switch (word)
        {
            case "hier" or "stop" when channel is null:
                return Activity.Message($"\"overzicht {word}\" werkt in een kanaal van een team: daar zet ik het overzicht dan elke week neer.");
            case "hier":
                return Activity.Message(await SubscribeAsync(activity, staff, audience, channel!, cancellationToken).ConfigureAwait(false));
            case "stop":
                await subscriptions.RemoveAsync(audience.SwvId, channel!, cancellationToken).ConfigureAwait(false);
                return Activity.Message("Ik zet het overzicht niet meer in dit kanaal. Weer aanzetten: typ \"overzicht hier\".");
        }

        if (channel is not null && !(await subscriptions.ListForAsync(audience.SwvId, cancellationToken).ConfigureAwait(false)).Any(s => s.ChannelId == channel))
        {
            return Activity.Message("Dit kanaal krijgt het overzicht van jouw samenwerkingsverband nog niet. Typ eerst \"overzicht hier\", of vraag het overzicht in je persoonlijke chat met VerzuimBot.");
        }

        var now = time.GetUtcNow();
        var since = await composer.PreviousPostAsync(audience.SwvId, cancellationToken).ConfigureAwait(false);
        if (word == "export")
        {
            return await ExportCardAsync(audience, now, since, staff.Email, cancellationToken).ConfigureAwait(false) is { } card
                ? Activity.CardMessage(card)
                : Activity.Message(NoPublicAddress);
        }

        var composed = await composer.ComposeAsync(audience, DigestKind.OnDemand, now, since, staff.Email, cancellationToken).ConfigureAwait(false);
        return Activity.CardMessage(composed.Card);
    }

    /// <summary>The card with a fresh download link; null when the host does not know its public address.</summary>
    public async Task<JsonNodeCard?> ExportCardAsync(SwvAudience audience, DateTimeOffset asOf, DateTimeOffset? since, string issuedTo, CancellationToken cancellationToken)
    {
        if (await links.IssueAsync(audience, asOf, since, issuedTo, cancellationToken).ConfigureAwait(false) is not { } link)
        {
            return null;
        }

        var overzicht = audience.School is { } one ? audiences.SchoolName(one) : audience.SwvName;
        return JsonNodeCard.From(cards.Render("overzicht-export", new JsonObject
        {
            ["overzicht"] = overzicht,
            ["peilmoment"] = DutchDates.Moment(asOf),
            ["geldigTot"] = DutchDates.Moment(link.ExpiresAt),
            ["link"] = link.Link.AbsoluteUri,
            ["overzichtId"] = DigestComposer.DigestId(audience, asOf, since),
        }));
    }

    private async Task<string> SubscribeAsync(Activity activity, StaffMember staff, SwvAudience audience, string channel, CancellationToken cancellationToken)
    {
        var existing = (await subscriptions.ListForAsync(audience.SwvId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(s => s.ChannelId == channel);
        await subscriptions.SaveAsync(
            new DigestSubscription(audience.SwvId, ConversationCapture.TenantOf(activity), channel, audience.Schools, staff.Email, existing?.SubscribedAt ?? time.GetUtcNow(), existing?.LastPostedAt),
            cancellationToken).ConfigureAwait(false);
        var schedule = composer.ScheduleOf(audience.Schools);
        var day = CultureInfo.GetCultureInfo("nl-NL").DateTimeFormat.GetDayName(schedule.Day);
        return $"Vanaf nu zet ik hier elke {day} om {schedule.Time:HH\\:mm} het overzicht van {audience.SwvName} neer ({audience.Schools.Count} {(audience.Schools.Count == 1 ? "school" : "scholen")}), "
            + $"en elke {schedule.RblSwvOverlegEveryWeeks} weken het overzicht voor het overleg RBL–SWV. Nu meteen zien: typ \"overzicht\". Stoppen: typ \"overzicht stop\".";
    }
}
