using System.Text.Json.Nodes;
using VerzuimBot.Access.Authorization;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Staff;
using VerzuimBot.Tasks;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.Tasks;
using VerzuimBot.Protocol.SickAbsence;
using VerzuimBot.Protocol.Staff;
using VerzuimBot.CardActions;

namespace VerzuimBot.SickRoute.Actions;

/// <summary>
/// Stap 4: the aanmeldingsformulier. When the school's jeugdarts has a chat with the bot, the
/// aanmelding goes to them as a card and is recorded as sent; otherwise the school gets the document
/// to mail to the GGD and records with "Verstuurd" who sent it and when.
/// </summary>
internal sealed class AanmeldingAction(RouteActionSupport support, TaskCards taskCards, TaskRecipients recipients, StaffMessenger messenger, SweepTrigger sweep) : ICardAction
{
    public IReadOnlyCollection<string> Verbs { get; } = ["aanmelding.maken", "aanmelding.verstuurd"];

    public CardAccess Access(string verb) => CardAccess.ForTask<JeugdartsAanmeldingSent>([TaskKind.AanmeldingJeugdarts], AccessAction.AanmeldingJeugdarts);

    public async Task<CardActionResult> HandleAsync(CardPress press, CancellationToken cancellationToken)
    {
        var (context, data, verb) = (press.Context, press.Data, press.Verb);
        var decision = context.Decision;

        var hulpvraag = data.Text("hulpvraag", 1500);
        var alGedaan = data.Text("alGedaan", 1500);
        var besproken = data.Date("besprokenOp");
        var problem = hulpvraag is null || alGedaan is null ? "Vul de hulpvraag en wat de school al deed in."
            : besproken is null || besproken > context.Today ? "Bespreek de aanmelding eerst met ouders en leerling en vul die datum in (niet in de toekomst)."
            : null;
        if (problem is not null)
        {
            return CardActionResult.Replace(taskCards.AanmeldingForm(context.Reference, context.Student, context.Dossier, context.Protocol, context.Today, problem, hulpvraag, alGedaan, besproken is { } b ? DutchDates.IsoDate(b) : null));
        }

        var fact = new JeugdartsAanmeldingSent(SickAbsenceService.NewId(), context.Now, SickAbsenceService.ActorOf(context.Staff, decision), context.Today, hulpvraag!, alGedaan!, besproken);
        var document = AanmeldingDocument.Lines(context.Student, fact, TaskCards.Verzuimoverzicht(context.Dossier, context.Protocol, context.Today), Staff.PeopleNames.WithRole(fact.RecordedBy));
        if (verb == "aanmelding.maken")
        {
            var jeugdartsen = await recipients.ForAsync(Role.Jeugdarts, context.Student.SchoolId, context.Student.Id.Value, context.Student.Details, cancellationToken).ConfigureAwait(false);
            var consultTask = new TaskReference($"{context.Student.Id.Value}/{TaskKind.ConsultOverdue}/{Role.Jeugdarts}/{fact.Id.Value}", context.Student.SchoolId, context.Student.Id.Value);
            var card = support.Cards.Task("consult", consultTask, context.Student, [new Fact("Leerling", context.Student.Label)], new JsonObject
            {
                ["titel"] = $"Aanmelding jeugdarts: {context.Student.Label}",
                ["tekst"] = $"De school meldt deze leerling bij je aan. Nodig binnen {context.Protocol.Profile.Sick.ConsultWithinSchoolDays} schooldagen uit en leg de consultdatum hier vast.",
                ["regels"] = RouteCards.Lines(document),
                ["minDatum"] = DutchDates.IsoDate(context.Today),
            });
            if (await messenger.SendAsync(jeugdartsen, card, cancellationToken).ConfigureAwait(false) == 0)
            {
                // No jeugdarts in Teams: the school mails the form to the GGD and confirms it was sent.
                var ggd = context.Protocol.Profile.Contacts.GetValueOrDefault("ggdZiekteverzuim") ?? "de GGD";
                return CardActionResult.Replace(support.Cards.Task("aanmelding-document", context.Reference, context.Student, [], new JsonObject
                {
                    ["ggd"] = ggd,
                    ["regels"] = RouteCards.Lines(document),
                    ["mailto"] = AanmeldingDocument.MailTo(ggd, context.Student),
                    ["hulpvraag"] = hulpvraag,
                    ["alGedaan"] = alGedaan,
                    ["besprokenOp"] = DutchDates.IsoDate(besproken!.Value),
                }));
            }
        }

        await support.RecordAsync(context, fact, cancellationToken).ConfigureAwait(false);
        sweep.Now();
        var how = verb == "aanmelding.maken" ? "via Teams naar de jeugdarts" : "door de school gemaild naar de GGD";
        return support.Done(context, "Aanmelding jeugdarts verstuurd", [new Fact("Verstuurd", how), new Fact("Consult verwacht binnen", $"{context.Protocol.Profile.Sick.ConsultWithinSchoolDays} schooldagen")], decision);
    }
}
