using System.Text.Json;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Tests.SickRoute;
using static VerzuimBot.Tests.OverlegRoute.OverlegHarness;
using static VerzuimBot.Tests.SickRoute.RouteHarness;

namespace VerzuimBot.Tests.OverlegRoute;

/// <summary>
/// Kernpartneroverleg / MDO / groot overleg (issue 8 items 3 and 6; domain.md §6 and §8; seeds 000, 002 Bijlage 2,
/// 004 Werkwijzer "MDO belegd") through the real host with the demo school (utrecht-west-vo, region midden:
/// herfstvakantie 17-25 Oct 2026, kerstvakantie 19 Dec 2026 - 3 Jan 2027) and real dates. Daan de Vries (123456) is
/// sick from Monday 28 September 2026; after 4 weeks (20 school days, the herfstvakantie not counted) leerplicht judged
/// "thuiszitter: ja" on Monday 2 November, and the school reported him to the SWV.
/// </summary>
public sealed class OverlegRouteScenarioTests
{
    private static readonly DateOnly FirstDay = new(2026, 9, 28);

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, month is >= 4 and <= 10 && !(month == 10 && day >= 25) ? TimeSpan.FromHours(2) : TimeSpan.FromHours(1));

    private static string PlainText(JsonElement card) => OverlegHarness.Text(card);

    private static string Said(PressResult press) => press.ReplacedCard ? OverlegHarness.Text(press.Value) : press.Text;

    /// <summary>The case on Thursday 17 December 2026 10:00, the day before the kerstvakantie, with everyone known to the bot.</summary>
    private static async Task<(OverlegHarness Harness, VerzuimBot.Protocol.Students.StudentRecord Daan)> ThuiszitterOnThursdayBeforeChristmasAsync(bool installGroupChat = true)
    {
        var harness = new OverlegHarness();
        await harness.SetClockAsync(At(2026, 12, 17, 10));
        await harness.Route.EveryoneSaysHelloAsync(Rita, Max, Zora, Jasper, Lotte, Sanne);
        var daan = await harness.ThuiszitterCaseAsync("123456", FirstDay, At(2026, 11, 2, 11));
        if (installGroupChat)
        {
            await harness.InstallInGroupChatAsync();
        }

        return (harness, daan);
    }

    private static async Task<(string MessageId, JsonElement Summary)> DecideMdoAsync(OverlegHarness harness, string partners = "school,ouders,leerplicht,swv")
    {
        await harness.Route.SayAsync(Zora, "overleg 123456");
        var card = harness.Route.CardsOf(Zora).Last(c => PlainText(c).Contains("Overleg met kernpartners", StringComparison.Ordinal));
        var decided = await harness.Route.PressAsync(Zora, card, "overleg.besluit", new()
        {
            ["soort"] = "mdo",
            ["deelnemers"] = partners,
            ["groepschat"] = GroupChatId,
            ["reden"] = "Thuiszitter, terugkeer plannen",
        }, title: "Overleg gewenst");
        Assert.True(decided.ReplacedCard, decided.Text);
        Assert.Contains("Overleg gewenst: MDO", Said(decided), StringComparison.Ordinal);
        return harness.GroupPosts().Last(p => PlainText(p.Card).Contains("D.d.V.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Decision_WithChosenPartners_PostsTheSummaryInTheGroupChat_WithoutNameOrMedicalDetail()
    {
        var (harness, daan) = await ThuiszitterOnThursdayBeforeChristmasAsync();
        await using var _ = harness;

        // Seed 000 / 002 Bijlage 2: the school decides whether an overleg is wanted and who joins; the card offers the group chats the bot is in.
        await harness.Route.SayAsync(Zora, "overleg 123456");
        var card = harness.Route.CardsOf(Zora).Last(c => PlainText(c).Contains("Overleg met kernpartners", StringComparison.Ordinal));
        Assert.Contains("Daan de Vries (2b)", PlainText(card), StringComparison.Ordinal);
        // The name Teams sent when the bot was added to the chat ("overleg hier <naam>" can still give it another).
        Assert.Contains("Kernpartneroverleg", PlainText(card), StringComparison.Ordinal);
        Assert.DoesNotContain("Groepschat …verleg", PlainText(card), StringComparison.Ordinal);
        Assert.Contains("Groot overleg", PlainText(card), StringComparison.Ordinal);
        Assert.Contains("Lokaal team", PlainText(card), StringComparison.Ordinal);

        var decided = await harness.Route.PressAsync(Zora, card, "overleg.besluit", new()
        {
            ["soort"] = "mdo",
            ["deelnemers"] = "school,ouders,leerplicht,swv",
            ["groepschat"] = GroupChatId,
            ["reden"] = "Thuiszitter, terugkeer plannen",
        }, title: "Overleg gewenst");
        Assert.True(decided.ReplacedCard);
        Assert.Contains("Overleg gewenst: MDO", Said(decided), StringComparison.Ordinal);
        Assert.Contains("School, Ouders, Leerplicht (RBL), Samenwerkingsverband (SWV)", Said(decided), StringComparison.Ordinal);

        // domain.md §8: the group chat gets the minimum: initials, leerlingnummer, school, type/code, weeks away, regiepersoon, actions.
        var (_, summary) = Assert.Single(harness.GroupPosts(), p => PlainText(p.Card).Contains("D.d.V.", StringComparison.Ordinal));
        var text = PlainText(summary);
        Assert.Contains("MDO (multidisciplinair overleg) · D.d.V. · lln. 123456", text, StringComparison.Ordinal);
        Assert.Contains("Demoschool (fictief)", text, StringComparison.Ordinal);
        // 28 Sep - 17 Dec 2026 without the herfstvakantie: 54 school days, more than 20 → code oranje, type 5 (002 §2.2).
        Assert.Contains("type 5, code oranje", text, StringComparison.Ordinal);
        Assert.Contains("10 schoolweken (54 schooldagen)", text, StringComparison.Ordinal);
        Assert.Contains("zora.zorg@demoschool.example.nl", text, StringComparison.Ordinal);
        Assert.Contains("Nog geen acties afgesproken.", text, StringComparison.Ordinal);
        var everything = harness.AllGroupTraffic();
        foreach (var secret in new[] { "Daan", "Vries", "ziek", "Ziek", "2013", "Utrecht", "Thuiszitter, terugkeer plannen" })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }

        // domain.md §6: the decision is an immutable dossier event: who, role, organisation, when, choice, reason.
        var decision = Assert.Single((await harness.DossierAsync(daan)).Of<KernpartnerDecisionRecorded>());
        Assert.Equal(new Actor(new StaffId(Zora.Upn), Role.Zorgcoordinator, Zora.Name), decision.RecordedBy);
        Assert.Equal("99DE00", decision.Organisation);
        // The demo clock runs on from the moment it was set.
        Assert.InRange(decision.RecordedAt, At(2026, 12, 17, 10), At(2026, 12, 17, 10, 1));
        Assert.StartsWith("ja: MDO (multidisciplinair overleg) met School, Ouders, Leerplicht (RBL), Samenwerkingsverband (SWV)", decision.Choice, StringComparison.Ordinal);
        Assert.Equal("Thuiszitter, terugkeer plannen", decision.Reason);
    }

    [Fact]
    public async Task ErasingTheStudent_RemovesTheOverlegRowsToo()
    {
        // domain.md §8 / AVG: an erasure on request leaves nothing about the child in any route's store.
        var (harness, _) = await ThuiszitterOnThursdayBeforeChristmasAsync();
        await using var _ = harness;
        await harness.Route.SayAsync(Zora, "overleg 123456");
        var card = harness.Route.CardsOf(Zora).Last(c => PlainText(c).Contains("Overleg met kernpartners", StringComparison.Ordinal));
        await harness.Route.PressAsync(Zora, card, "overleg.besluit", new() { ["soort"] = "mdo", ["deelnemers"] = "school,leerplicht", ["groepschat"] = GroupChatId, ["reden"] = "Terugkeer plannen" }, title: "Overleg gewenst");
        var store = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<VerzuimBot.Storage.OverlegStore>(harness.Route.App.Services);
        var student = harness.Route.StudentIdOf("123456").Value;
        Assert.Single(await store.ListAsync("99DE00", student, CancellationToken.None));

        var eraser = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<VerzuimBot.Access.Retention.StudentDataEraser>(harness.Route.App.Services);
        var beheerder = new VerzuimBot.Access.Authorization.AccessActor("beheerder@demoschool.example.nl", Tenant, [new VerzuimBot.Access.Authorization.RoleGrant(Role.Beheerder, "99DE00", VerzuimBot.Access.Tenants.OrganisationKind.School, VerzuimBot.Access.Authorization.RoleScope.Organisation, DateTimeOffset.MinValue)]);
        Assert.True((await eraser.EraseAsync(beheerder, "99DE00", student)).Succeeded);
        Assert.Empty(await store.ListAsync("99DE00", student, CancellationToken.None));
    }

    [Fact]
    public async Task AgreedAction_IsRemindedOnTheDueDate_MarkedLateTheNextSchoolDayAfterTheKerstvakantie_AndCompletingItStopsIt()
    {
        var (harness, daan) = await ThuiszitterOnThursdayBeforeChristmasAsync();
        await using var _ = harness;
        var (messageId, summary) = await DecideMdoAsync(harness);

        // In the group chat the leerplichtambtenaar records an action for herself, due Friday 18 December (last school day before the holiday).
        var agreed = await harness.PressInGroupAsync(Lotte, summary, messageId, "overleg.actie", new()
        {
            ["beschrijving"] = "Huisbezoek bij het gezin",
            ["eigenaar"] = "leerplicht",
            ["uiterlijk"] = "2026-12-18",
        });
        Assert.True(agreed.ReplacedCard, agreed.Text);
        Assert.Contains("Huisbezoek bij het gezin", Said(agreed), StringComparison.Ordinal);
        Assert.Contains("Leerplicht: leerplichtambtenaar · uiterlijk vrijdag 18 december 2026 · open", Said(agreed), StringComparison.Ordinal);
        // Every member sees it: the message itself is updated, not only the presser's copy.
        Assert.Contains("Huisbezoek bij het gezin", PlainText(harness.GroupUpdates(messageId)[^1]), StringComparison.Ordinal);
        var action = Assert.Single((await harness.DossierAsync(daan)).Of<OverlegActionAgreed>());
        Assert.Equal(Role.Leerplichtambtenaar, action.Owner);
        Assert.Equal(new DateOnly(2026, 12, 18), action.Due);
        Assert.Equal(new Actor(new StaffId(Lotte.Upn), Role.Leerplichtambtenaar, Lotte.Name), action.RecordedBy);

        // Not before the due date; on it at 08:30, in the owner's personal chat.
        Assert.Equal(0, harness.Route.CountCards(Lotte, "Actie uit het overleg"));
        await harness.SetClockAsync(At(2026, 12, 18, 8, 30));
        var due = await harness.Route.WaitForCardAsync(Lotte, "Actie uit het overleg: Daan de Vries (2b)");
        Assert.Contains("uiterlijk vandaag", PlainText(due), StringComparison.Ordinal);
        Assert.DoesNotContain("Te laat", PlainText(due), StringComparison.Ordinal);

        // Not late during the kerstvakantie (19 Dec - 3 Jan): the next school day is Monday 4 January 2027.
        await harness.SetClockAsync(At(2026, 12, 28, 8, 30));
        Assert.Equal(0, harness.Route.CountCards(Lotte, "Actie uit het overleg is te laat"));
        var duringHoliday = await harness.PressInGroupAsync(Sanne, summary, messageId, "overleg.vernieuwen");
        Assert.DoesNotContain("Te laat", Said(duringHoliday), StringComparison.Ordinal);

        await harness.SetClockAsync(At(2027, 1, 4, 8, 30));
        var late = await harness.Route.WaitForCardAsync(Lotte, "Actie uit het overleg is te laat");
        Assert.Contains("Te laat", PlainText(late), StringComparison.Ordinal);
        Assert.Contains("vrijdag 18 december 2026", PlainText(late), StringComparison.Ordinal);

        // The summary in the group chat shows it "te laat" when refreshed (automatic refresh: for the viewer only).
        var updatesBefore = harness.GroupUpdates(messageId).Count;
        var refreshed = await harness.PressInGroupAsync(Sanne, summary, messageId, "overleg.vernieuwen", trigger: "automatic");
        Assert.Contains("Te laat", Said(refreshed), StringComparison.Ordinal);
        Assert.Equal(updatesBefore, harness.GroupUpdates(messageId).Count);

        // The owner completes it: recorded, the group chat's message updated for everyone, and no more reminders.
        var completed = await harness.Route.PressAsync(Lotte, late, "overleg.afgerond");
        Assert.True(completed.ReplacedCard, completed.Text);
        Assert.Contains("Actie afgerond", Said(completed), StringComparison.Ordinal);
        var done = Assert.Single((await harness.DossierAsync(daan)).Of<OverlegActionCompleted>());
        Assert.Equal(action.ActionId, done.ActionId);
        var after = PlainText(harness.GroupUpdates(messageId)[^1]);
        Assert.Contains("afgerond op 04-01-2027", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Te laat", after, StringComparison.Ordinal);

        var cardsBefore = harness.Route.CountCards(Lotte, "Actie uit het overleg");
        await harness.SetClockAsync(At(2027, 1, 5, 8, 30));
        await harness.SetClockAsync(At(2027, 1, 6, 8, 30));
        Assert.Equal(cardsBefore, harness.Route.CountCards(Lotte, "Actie uit het overleg"));
    }

    [Fact]
    public async Task WrongPerson_IsRefusedInDutch_AndNothingChanges()
    {
        var (harness, daan) = await ThuiszitterOnThursdayBeforeChristmasAsync();
        await using var _ = harness;

        // Only the zorgcoördinator or the leerplichtambtenaar decides on an overleg (000; 002 Bijlage 2).
        Assert.Contains(await harness.Route.SayAsync(Max, "overleg 123456"), t => t.StartsWith("Over een kernpartneroverleg, MDO of groot overleg besluit de zorgcoördinator", StringComparison.Ordinal));
        await harness.Route.SayAsync(Zora, "overleg 123456");
        var card = harness.Route.CardsOf(Zora).Last(c => PlainText(c).Contains("Overleg met kernpartners", StringComparison.Ordinal));
        var byMentor = await harness.Route.PressAsync(Max, card, "overleg.besluit", new() { ["soort"] = "mdo", ["deelnemers"] = "school,ouders", ["groepschat"] = GroupChatId }, title: "Overleg gewenst");
        Assert.False(byMentor.ReplacedCard);
        Assert.StartsWith("Dit mag alleen een zorgcoördinator of leerplichtambtenaar.", Said(byMentor), StringComparison.Ordinal);
        Assert.Empty((await harness.DossierAsync(daan)).Of<KernpartnerDecisionRecorded>());
        Assert.DoesNotContain(harness.GroupPosts(), p => PlainText(p.Card).Contains("D.d.V.", StringComparison.Ordinal));

        var (messageId, summary) = await DecideMdoAsync(harness, partners: "school,ouders,leerplicht");

        // The jeugdarts is in the group chat, but has no part in Daan's case (not referred), nor has JGZ been chosen: refused like any card.
        var byJeugdarts = await harness.PressInGroupAsync(Jasper, summary, messageId, "overleg.actie", new() { ["beschrijving"] = "Consult", ["eigenaar"] = "zorgcoordinator", ["uiterlijk"] = "2026-12-18" });
        Assert.False(byJeugdarts.ReplacedCard);
        Assert.Equal(VerzuimBot.CardActions.CardRefusals.Neutral, Said(byJeugdarts));

        // The case was reported to the SWV, so it may know the case, but it was not chosen as a participant; and a mentor of the school has no kernpartner role for the decision.
        var bySwv = await harness.PressInGroupAsync(Sanne, summary, messageId, "overleg.notuleren", new() { ["besluit"] = "Arrangement aanvragen" });
        Assert.StartsWith("Alleen deelnemers van dit overleg (School, Ouders, Leerplicht (RBL))", Said(bySwv), StringComparison.Ordinal);
        var byMax = await harness.PressInGroupAsync(Max, summary, messageId, "overleg.actie", new() { ["beschrijving"] = "Bellen", ["eigenaar"] = "mentor", ["uiterlijk"] = "2026-12-18" });
        Assert.False(byMax.ReplacedCard);
        Assert.Contains("Dit mag alleen een zorgcoördinator", Said(byMax), StringComparison.Ordinal);
        Assert.EndsWith("Er is niets veranderd.", Said(byMax), StringComparison.Ordinal);

        // The summary card pressed outside its group chat (forwarded to a personal chat) does nothing.
        var elsewhere = await harness.Route.PressAsync(Zora, summary, "overleg.actie", new() { ["beschrijving"] = "Bellen", ["eigenaar"] = "zorgcoordinator", ["uiterlijk"] = "2026-12-18" });
        Assert.Equal("Deze kaart werkt alleen in de groepschat van het overleg. Er is niets veranderd.", Said(elsewhere));

        var dossier = await harness.DossierAsync(daan);
        Assert.Empty(dossier.Of<OverlegActionAgreed>());
        Assert.Single(dossier.Of<KernpartnerDecisionRecorded>());

        // An action owned by the leerplichtambtenaar cannot be completed by the zorgcoördinator (a forwarded reminder).
        await harness.PressInGroupAsync(Zora, summary, messageId, "overleg.actie", new() { ["beschrijving"] = "Huisbezoek", ["eigenaar"] = "leerplicht", ["uiterlijk"] = "2026-12-18" });
        await harness.SetClockAsync(At(2026, 12, 18, 8, 30));
        var reminder = await harness.Route.WaitForCardAsync(Lotte, "Actie uit het overleg: Daan de Vries (2b)");
        var byZora = await harness.Route.PressAsync(Zora, reminder, "overleg.afgerond");
        Assert.False(byZora.ReplacedCard);
        Assert.Equal("Deze actie is toegewezen aan de leerplichtambtenaar; alleen die kan hem afronden. Er is niets veranderd.", Said(byZora));
        Assert.Empty((await harness.DossierAsync(daan)).Of<OverlegActionCompleted>());
    }

    [Fact]
    public async Task PressedTwice_IsRefusedWithTheDecisionThatStands_AndNothingChanges()
    {
        var (harness, daan) = await ThuiszitterOnThursdayBeforeChristmasAsync();
        await using var _ = harness;
        await harness.Route.SayAsync(Zora, "overleg 123456");
        var card = harness.Route.CardsOf(Zora).Last(c => PlainText(c).Contains("Overleg met kernpartners", StringComparison.Ordinal));
        var inputs = new Dictionary<string, string> { ["soort"] = "kernpartneroverleg", ["deelnemers"] = "school,leerplicht,swv", ["groepschat"] = GroupChatId };
        await harness.Route.PressAsync(Zora, card, "overleg.besluit", inputs, title: "Overleg gewenst");

        // The same decision card again (a stale client, or a second click): the decision that stands, nothing new.
        var again = await harness.Route.PressAsync(Zora, card, "overleg.besluit", inputs, title: "Overleg gewenst");
        Assert.True(again.ReplacedCard);
        Assert.Contains("Al besloten: ja: Kernpartneroverleg", Said(again), StringComparison.Ordinal);
        var otherChoice = await harness.Route.PressAsync(Zora, card, "overleg.besluit", new() { ["reden"] = "toch niet" }, title: "Geen overleg nodig");
        Assert.Contains("Al besloten: ja: Kernpartneroverleg", Said(otherChoice), StringComparison.Ordinal);
        Assert.Single((await harness.DossierAsync(daan)).Of<KernpartnerDecisionRecorded>());
        var (messageId, summary) = Assert.Single(harness.GroupPosts(), p => PlainText(p.Card).Contains("D.d.V.", StringComparison.Ordinal));

        // A new decision card says what was decided before.
        await harness.Route.SayAsync(Zora, "overleg 123456");
        var next = harness.Route.CardsOf(Zora).Last(c => PlainText(c).Contains("Overleg met kernpartners", StringComparison.Ordinal));
        Assert.Contains("Kernpartneroverleg, besloten op 17-12-2026, in groepschat \"Kernpartneroverleg\"", PlainText(next), StringComparison.Ordinal);

        // An action pressed twice is one action.
        var action = new Dictionary<string, string> { ["beschrijving"] = "Arrangement aanvragen", ["eigenaar"] = "swv", ["uiterlijk"] = "2027-01-08" };
        Assert.True((await harness.PressInGroupAsync(Sanne, summary, messageId, "overleg.actie", action)).ReplacedCard);
        var second = await harness.PressInGroupAsync(Sanne, summary, messageId, "overleg.actie", action);
        Assert.False(second.ReplacedCard);
        Assert.StartsWith("Deze actie is al vastgelegd (door Sanne SWV (SWV) op 17-12-2026 10:00)", Said(second), StringComparison.Ordinal);
        Assert.Single((await harness.DossierAsync(daan)).Of<OverlegActionAgreed>());

        // A decision of the overleg pressed twice is one decision (who, role, organisation recorded).
        Assert.True((await harness.PressInGroupAsync(Lotte, summary, messageId, "overleg.notuleren", new() { ["besluit"] = "Start met drie ochtenden per week" })).ReplacedCard);
        Assert.StartsWith("Dit besluit is al vastgelegd", Said(await harness.PressInGroupAsync(Lotte, summary, messageId, "overleg.notuleren", new() { ["besluit"] = "Start met drie ochtenden per week" })), StringComparison.Ordinal);
        var notes = (await harness.DossierAsync(daan)).Of<KernpartnerDecisionRecorded>().Where(d => d.Choice == "Start met drie ochtenden per week").ToList();
        var note = Assert.Single(notes);
        Assert.Equal("RBL-DEMO", note.Organisation);
        Assert.Equal(Role.Leerplichtambtenaar, note.RecordedBy.Role);
        Assert.Contains("Start met drie ochtenden per week", PlainText(harness.GroupUpdates(messageId)[^1]), StringComparison.Ordinal);

        // Completing twice: the second press shows who completed it.
        await harness.SetClockAsync(At(2027, 1, 8, 8, 30));
        var reminder = await harness.Route.WaitForCardAsync(Sanne, "Actie uit het overleg: Daan de Vries (2b)");
        Assert.True((await harness.Route.PressAsync(Sanne, reminder, "overleg.afgerond")).ReplacedCard);
        var twice = await harness.Route.PressAsync(Sanne, reminder, "overleg.afgerond");
        Assert.Contains("Al afgerond: Arrangement aanvragen", Said(twice), StringComparison.Ordinal);
        Assert.Single((await harness.DossierAsync(daan)).Of<OverlegActionCompleted>());
    }

    [Fact]
    public async Task NoGroupChatKnown_GivesAClearDutchInstruction_AndAfterOverlegHierTheChatCanBeChosen()
    {
        var (harness, daan) = await ThuiszitterOnThursdayBeforeChristmasAsync(installGroupChat: false);
        await using var _ = harness;

        await harness.Route.SayAsync(Zora, "overleg Daan de Vries");
        var card = harness.Route.CardsOf(Zora).Last(c => PlainText(c).Contains("Overleg met kernpartners", StringComparison.Ordinal));
        Assert.Contains("Ik zit nog in geen enkele groepschat", PlainText(card), StringComparison.Ordinal);
        var pressed = await harness.Route.PressAsync(Zora, card, "overleg.besluit", new() { ["soort"] = "mdo", ["deelnemers"] = "school,ouders,leerplicht" }, title: "Overleg gewenst");
        Assert.False(pressed.ReplacedCard);
        Assert.StartsWith("Ik zit nog in geen enkele groepschat, en een groepschat aanmaken kan ik niet zelf.", Said(pressed), StringComparison.Ordinal);
        Assert.Contains("@VerzuimBot overleg hier", Said(pressed), StringComparison.Ordinal);
        Assert.Empty((await harness.DossierAsync(daan)).Of<KernpartnerDecisionRecorded>());

        // The bot is added to a group chat Teams sends without a name; "overleg hier <naam>" names it. Student commands stay out of the group.
        await harness.InstallInGroupChatAsync("19:zeist-overleg@thread.v2", name: null);
        var named = await harness.SayInGroupAsync(Zora, "overleg hier Overleg Zeist", "19:zeist-overleg@thread.v2");
        Assert.Contains(named, t => t.StartsWith("Deze groepschat (\"Overleg Zeist\") kan nu gekozen worden", StringComparison.Ordinal));
        var refused = await harness.SayInGroupAsync(Zora, "overleg Daan de Vries", "19:zeist-overleg@thread.v2");
        Assert.Contains(refused, t => t.StartsWith("Doe dit in je persoonlijke chat met VerzuimBot", StringComparison.Ordinal));
        Assert.DoesNotContain("Vries", harness.AllGroupTraffic("19:zeist-overleg@thread.v2"), StringComparison.Ordinal);

        await harness.Route.SayAsync(Zora, "overleg 123456");
        var second = harness.Route.CardsOf(Zora).Last(c => PlainText(c).Contains("Overleg met kernpartners", StringComparison.Ordinal));
        Assert.Contains("Overleg Zeist", PlainText(second), StringComparison.Ordinal);
        var inputs = new Dictionary<string, string> { ["soort"] = "groot-overleg", ["deelnemers"] = "school,ouders,leerplicht,swv,jgz,lokaal-team", ["groepschat"] = "19:zeist-overleg@thread.v2" };

        // domain.md §8: in this chat are also the receptie and someone VerzuimBot does not know. Nothing is stored or posted
        // until the decider confirms; the card comes back with the choices as made and who they are.
        var warned = await harness.Route.PressAsync(Zora, second, "overleg.besluit", inputs, title: "Overleg gewenst");
        Assert.True(warned.ReplacedCard);
        Assert.Contains("zitten Rita Receptie, Sam Onbekend, zonder rol bij deze leerling in VerzuimBot.", PlainText(warned.Value), StringComparison.Ordinal);
        Assert.Contains("Er is nog niets vastgelegd.", PlainText(warned.Value), StringComparison.Ordinal);
        Assert.Empty((await harness.DossierAsync(daan)).Of<KernpartnerDecisionRecorded>());
        Assert.DoesNotContain(harness.GroupPosts("19:zeist-overleg@thread.v2"), p => PlainText(p.Card).Contains("lln. 123456", StringComparison.Ordinal));

        var decided = await harness.Route.PressAsync(Zora, warned.Value, "overleg.besluit", inputs, title: "Toch in deze groepschat");
        Assert.Contains("Overleg gewenst: Groot overleg", Said(decided), StringComparison.Ordinal);
        Assert.EndsWith("(bevestigd: ook met leden zonder rol in VerzuimBot)", Assert.Single((await harness.DossierAsync(daan)).Of<KernpartnerDecisionRecorded>()).Choice, StringComparison.Ordinal);
        Assert.Contains(harness.GroupPosts("19:zeist-overleg@thread.v2"), p => PlainText(p.Card).Contains("Groot overleg · D.d.V. · lln. 123456", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Leerplicht_DecidesByLeerlingnummer_OrNoOverlegWithAReason()
    {
        var (harness, daan) = await ThuiszitterOnThursdayBeforeChristmasAsync();
        await using var _ = harness;

        // The RBL decides too (000): the leerplichtambtenaar finds the student by leerlingnummer over the schools.
        Assert.Contains(await harness.Route.SayAsync(Lotte, "overleg Daan"), t => t.StartsWith("Ik vind geen leerling", StringComparison.Ordinal));
        await harness.Route.SayAsync(Lotte, "overleg 123456");
        var card = harness.Route.CardsOf(Lotte).Last(c => PlainText(c).Contains("Overleg met kernpartners", StringComparison.Ordinal));

        var withoutReason = await harness.Route.PressAsync(Lotte, card, "overleg.besluit", title: "Geen overleg nodig");
        Assert.Equal("Geef bij \"Geen overleg nodig\" kort de reden. Er is niets veranderd.", Said(withoutReason));
        var no = await harness.Route.PressAsync(Lotte, card, "overleg.besluit", new() { ["reden"] = "Terugkeer is al gepland" }, title: "Geen overleg nodig");
        Assert.True(no.ReplacedCard);
        Assert.Contains("Geen overleg nodig", Said(no), StringComparison.Ordinal);
        Assert.Contains("Lotte Leerplicht (leerplichtambtenaar, RBL-DEMO)", Said(no), StringComparison.Ordinal);

        var decision = Assert.Single((await harness.DossierAsync(daan)).Of<KernpartnerDecisionRecorded>());
        Assert.Equal(("nee", "Terugkeer is al gepland", "RBL-DEMO", Role.Leerplichtambtenaar), (decision.Choice, decision.Reason, decision.Organisation, decision.RecordedBy.Role));
        Assert.DoesNotContain(harness.GroupPosts(), p => PlainText(p.Card).Contains("D.d.V.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GroupChatUnreachable_TheDecisionStands_AndTheSummaryIsPostedOnTheNextOverlegCommand()
    {
        var (harness, daan) = await ThuiszitterOnThursdayBeforeChristmasAsync();
        await using var _ = harness;
        await harness.Route.SayAsync(Zora, "overleg 123456");
        var card = harness.Route.CardsOf(Zora).Last(c => PlainText(c).Contains("Overleg met kernpartners", StringComparison.Ordinal));

        // Teams refuses the post into the group chat: the decision is still recorded, and the card says so honestly.
        harness.App.Connector.FailActivities = true;
        var decided = await harness.Route.PressAsync(Zora, card, "overleg.besluit", new() { ["soort"] = "mdo", ["deelnemers"] = "school,ouders,leerplicht", ["groepschat"] = GroupChatId }, title: "Overleg gewenst");
        harness.App.Connector.FailActivities = false;
        Assert.Contains("kon ik nu niet in de groepschat plaatsen", Said(decided), StringComparison.Ordinal);
        Assert.Single((await harness.DossierAsync(daan)).Of<KernpartnerDecisionRecorded>());
        Assert.DoesNotContain(harness.GroupPosts(), p => PlainText(p.Card).Contains("D.d.V.", StringComparison.Ordinal));

        await harness.Route.SayAsync(Zora, "overleg 123456");
        Assert.Single(harness.GroupPosts(), p => PlainText(p.Card).Contains("MDO (multidisciplinair overleg) · D.d.V.", StringComparison.Ordinal));
        await harness.Route.SayAsync(Zora, "overleg 123456");
        Assert.Single(harness.GroupPosts(), p => PlainText(p.Card).Contains("MDO (multidisciplinair overleg) · D.d.V.", StringComparison.Ordinal));
    }
}
