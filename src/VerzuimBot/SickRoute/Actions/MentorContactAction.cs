using VerzuimBot.Access.Authorization;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Language;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Protocol.Tasks;
using VerzuimBot.Protocol.SickAbsence;
using VerzuimBot.CardActions;

namespace VerzuimBot.SickRoute.Actions;

/// <summary>Stap 2 (002 Bijlage 1): the mentor answers the reminder: contact gehad, or niet bereikt (asked again the next school day).</summary>
internal sealed class MentorContactAction(RouteActionSupport support, SweepTrigger sweep) : ICardAction
{
    public IReadOnlyCollection<string> Verbs { get; } = ["mentorcontact.opslaan"];

    public CardAccess Access(string verb) => CardAccess.ForTask<MentorContactRecorded>([TaskKind.MentorContactReminder], AccessAction.AnswerMentorCard);

    public async Task<CardActionResult> HandleAsync(CardPress press, CancellationToken cancellationToken)
    {
        var (context, data) = (press.Context, press.Data);
        var decision = context.Decision;

        var actor = SickAbsenceService.ActorOf(context.Staff, decision);
        if (data.Text("uitkomst", 20) == "niet-bereikt")
        {
            await support.RecordAsync(context, new MentorContactRecorded(SickAbsenceService.NewId(), context.Now, actor, false, null, null, null, null, false), cancellationToken).ConfigureAwait(false);
            var again = context.Protocol.Calendar.AddSchoolDays(context.Today, 1);
            return support.Done(context, "Niet bereikt", [new Fact("Opnieuw proberen", $"ik vraag het je {DutchDates.LongDate(again)} opnieuw")], decision);
        }

        if (data.Text("uitkomst", 20) != "bereikt")
        {
            return CardActionResult.Say(RouteActionSupport.Incomplete);
        }

        if (data.Date("contactDatum") is not { } date || date > context.Today || context.Dossier.CurrentSickPeriod is { } p && date < p.FirstDay)
        {
            return CardActionResult.Say("Kies de datum van het contact: niet in de toekomst en niet vóór de eerste ziektedag.");
        }

        var channel = data.Text("kanaal", 20) switch
        {
            "telefoon" => ContactChannel.Telefoon,
            "mail" => ContactChannel.Mail,
            _ => (ContactChannel?)null,
        };
        if (channel is null)
        {
            return CardActionResult.Say("Kies of het contact per telefoon of per mail was.");
        }

        DateOnly? expected = null;
        if (data.Text("verwachteTerugkeer", 60) is { } returnText)
        {
            var parsed = DutchDateParser.Parse(returnText, context.Today);
            if (parsed.Kind == DateAnswerKind.Invalid)
            {
                return CardActionResult.Say($"Verwachte terugkeer: {parsed.Problem}");
            }

            expected = parsed.Date;
        }

        var note = data.Text("notitie", 500);
        var concerns = data.Yes("zorgen");
        await support.RecordAsync(context, new MentorContactRecorded(SickAbsenceService.NewId(), context.Now, actor, true, date, channel, note, expected, concerns), cancellationToken).ConfigureAwait(false);
        sweep.Now();
        return support.Done(context, "Contact gehad met de ouders",
        [
            new Fact("Datum", DutchDates.LongDate(date)),
            new Fact("Via", channel == ContactChannel.Telefoon ? "telefoon" : "mail"),
            new Fact("Verwachte terugkeer", expected is { } e ? DutchDates.LongDate(e) + (SchoolDayAnswers.ReturnRemark(e, context.Protocol.Calendar) is { } remark ? $" ({remark})" : string.Empty) : "onbekend"),
            new Fact("Zorgen", concerns ? "ja" : "nee"),
        ], decision);
    }
}
