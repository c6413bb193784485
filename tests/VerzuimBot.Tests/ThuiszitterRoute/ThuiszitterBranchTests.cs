using Microsoft.Extensions.DependencyInjection;
using VerzuimBot.Access.Roster;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Identity;
using VerzuimBot.Storage;
using VerzuimBot.Tests.SickRoute;
using VerzuimBot.Protocol.Dossiers;
using VerzuimBot.Protocol.Schools;
using VerzuimBot.Protocol.Digest;
using static VerzuimBot.Tests.SickRoute.RouteHarness;
using static VerzuimBot.Tests.ThuiszitterRoute.ThuiszitterHarness;

namespace VerzuimBot.Tests.ThuiszitterRoute;

/// <summary>
/// Every branch of the thuiszitter route after four weeks (Daan sick from Mon 2 Nov 2026; the fourth week ends Fri 27 Nov,
/// the judgement is due Mon 30 Nov 2026), with real dates of school year 2026-27, region midden.
/// </summary>
public sealed class ThuiszitterBranchTests
{
    private static Task<DossierView> DossierAsync(RouteHarness route) =>
        route.App.Services.GetRequiredService<DossierService>().ReadAsync("99DE00", route.StudentIdOf("123456"));

    [Fact]
    public async Task Judgement_Nee_NeedsAReason_IsStoredWithWhoRoleOrganisationWhenAndReason_AndOpensNoCase()
    {
        // 004 Werkwijzer voor de leerplichtambtenaar punt 3 ("beoordeelt na 4 weken of er daadwerkelijk sprake is van een thuiszitter"); domain.md §6: nee with a reason.
        await using var route = await DaanSickFromAsync(new DateOnly(2026, 11, 2));
        await route.SetClockAsync(At(2026, 11, 27));
        Assert.Equal(0, route.CountCards(Lotte, "Thuiszitter volgens de definitie?"));
        await route.SetClockAsync(At(2026, 11, 30));
        var card = await route.WaitForCardAsync(Lotte, "Thuiszitter volgens de definitie? Daan de Vries (2b)");

        var noReason = await route.PressAsync(Lotte, card, "thuiszitter.oordeel", title: "Nee");
        Assert.False(noReason.ReplacedCard);
        Assert.Contains("Geef bij \"nee\" de reden", noReason.Shown(), StringComparison.Ordinal);
        Assert.Empty((await DossierAsync(route)).Of<LeerplichtJudgementRecorded>());

        await route.SetClockAsync(At(2026, 11, 30, 11, 15));
        var nee = await route.PressAsync(Lotte, card, "thuiszitter.oordeel", new() { ["reden"] = "Langdurig ziek; onderwijs thuis via de school loopt" }, title: "Nee");
        Assert.True(nee.ReplacedCard);
        Assert.Contains("Geen thuiszitter volgens de definitie", nee.Shown(), StringComparison.Ordinal);
        Assert.Contains("Afgehandeld door Lotte Leerplicht (leerplichtambtenaar, RBL-DEMO) op 30-11-2026 11:15", nee.Shown(), StringComparison.Ordinal);

        var judgement = Assert.Single((await DossierAsync(route)).Of<LeerplichtJudgementRecorded>());
        Assert.Equal((Lotte.Upn, Role.Leerplichtambtenaar, "RBL-DEMO", false, "Langdurig ziek; onderwijs thuis via de school loopt"),
            (judgement.RecordedBy.Staff.Value, judgement.RecordedBy.Role, judgement.Organisation, judgement.IsThuiszitter, judgement.Reason));
        Assert.InRange(judgement.RecordedAt, At(2026, 11, 30, 11, 15), At(2026, 11, 30, 11, 16));

        // Pressed twice (even the other button): refused with who decided; no case, no checklist for the school.
        var twice = await route.PressAsync(Lotte, card, "thuiszitter.oordeel", title: "Ja, thuiszitter");
        Assert.Contains("Al afgehandeld: Oordeel leerplicht: geen thuiszitter (Langdurig ziek; onderwijs thuis via de school loopt)", twice.Shown(), StringComparison.Ordinal);
        Assert.Single((await DossierAsync(route)).Of<LeerplichtJudgementRecorded>());
        var status = Visible(await route.CardReplyAsync(Zora, "thuiszitter Daan de Vries"));
        Assert.Contains("Afwezigheid en thuiszitterstatus: Daan de Vries (2b)", status, StringComparison.Ordinal);
        Assert.Contains("nee: Langdurig ziek", status, StringComparison.Ordinal);
        Assert.DoesNotContain("thuiszitter.afvinken", status, StringComparison.Ordinal);
        Assert.Equal(0, route.CountCards(Zora, "Leerplicht oordeelt"));
    }

    [Fact]
    public async Task Judgement_WrongPeople_AreRefused_AndNothingIsStored()
    {
        // domain.md §6 and §8: a card pressed by someone without the role (a mentor, someone without any role) changes nothing.
        await using var route = await DaanSickFromAsync(new DateOnly(2026, 11, 2));
        await route.SayAsync(Stranger, "help");
        await route.SetClockAsync(At(2026, 11, 30));
        var card = await route.WaitForCardAsync(Lotte, "Thuiszitter volgens de definitie?");
        Assert.Contains("Dit mag alleen een leerplichtambtenaar. Jouw rol (mentor)", (await route.PressAsync(Max, card, "thuiszitter.oordeel", title: "Ja, thuiszitter")).Shown(), StringComparison.Ordinal);
        Assert.Contains("geen rol in VerzuimBot", (await route.PressAsync(Stranger, card, "thuiszitter.oordeel", title: "Ja, thuiszitter")).Shown(), StringComparison.Ordinal);
        Assert.Contains("Dit mag alleen een leerplichtambtenaar", (await route.PressAsync(Sanne, card, "thuiszitter.oordeel", title: "Ja, thuiszitter")).Shown(), StringComparison.Ordinal);
        Assert.Empty((await DossierAsync(route)).Of<LeerplichtJudgementRecorded>());
    }

    [Fact]
    public async Task Vrijstelling5a_SwvFindsNoPassendOnderwijs_JeugdartsAdvisesVrijstelling_LeerplichtGrantsIt_AndTheSwvCountsIt()
    {
        // 002 §7 and 000: "Een vrijstellingsaanvraag die bij leerplicht binnenkomt wordt voorgelegd aan de GGD" → onderzoek met het SWV → advies → besluit.
        var (route, _) = await OpenCaseAsync();
        await using var _route = route;
        await route.SetClockAsync(At(2026, 12, 1, 9, 0));

        // Entry point: the button on leerplicht's case card.
        var lotteCase = await route.CardReplyAsync(Lotte, "thuiszitter 123456");
        var form = await route.PressAsync(Lotte, lotteCase, "vrijstelling.formulier");
        Assert.Contains("Vrijstelling 5a aangevraagd: Daan de Vries (2b)", form.Shown(), StringComparison.Ordinal);
        Assert.Contains("Dit mag alleen een leerplichtambtenaar", (await route.PressAsync(Zora, form.Value, "vrijstelling.aanvraag")).Shown(), StringComparison.Ordinal);
        var aanvraag = await route.PressAsync(Lotte, form.Value, "vrijstelling.aanvraag", new() { ["reden"] = "Verklaring kinderpsychiater bijgevoegd" });
        Assert.Contains("Vrijstelling 5a: aanvraag vastgelegd", aanvraag.Shown(), StringComparison.Ordinal);
        Assert.Contains("Al afgehandeld: Vrijstelling 5a: aanvraag ontvangen door leerplicht", (await route.PressAsync(Lotte, form.Value, "vrijstelling.aanvraag")).Shown(), StringComparison.Ordinal);

        // The jeugdarts investigates and puts it to the SWV; only the jeugdarts may.
        var onderzoek = await route.WaitForCardAsync(Jasper, "Vrijstelling 5a: onderzoek voor Daan de Vries (2b)");
        Assert.Contains("Verklaring kinderpsychiater bijgevoegd", Visible(onderzoek), StringComparison.Ordinal);
        Assert.Contains("Dit mag alleen een jeugdarts", (await route.PressAsync(Lotte, onderzoek, "vrijstelling.onderzoek")).Shown(), StringComparison.Ordinal);
        Assert.Contains("Vrijstelling 5a: voorgelegd aan het SWV", (await route.PressAsync(Jasper, onderzoek, "vrijstelling.onderzoek", new() { ["reden"] = "Kan Daan deels onderwijs volgen?" })).Shown(), StringComparison.Ordinal);

        // The SWV answers on its card, with a reason.
        var swv = await route.WaitForCardAsync(Sanne, "Vrijstelling 5a: is passend onderwijs mogelijk voor Daan de Vries (2b)?");
        Assert.Contains("Kan Daan deels onderwijs volgen?", Visible(swv), StringComparison.Ordinal);
        Assert.Contains("Geef een toelichting", (await route.PressAsync(Sanne, swv, "vrijstelling.swv", title: "Geen passend onderwijs mogelijk")).Shown(), StringComparison.Ordinal);
        var answer = await route.PressAsync(Sanne, swv, "vrijstelling.swv", new() { ["reden"] = "Geen plek in het dekkende netwerk voor deze onderwijsbehoefte" }, title: "Geen passend onderwijs mogelijk");
        Assert.Contains("SWV: geen passend onderwijs mogelijk", answer.Shown(), StringComparison.Ordinal);
        Assert.Contains("Sanne SWV (swv, SWV-DEMO)", answer.Shown(), StringComparison.OrdinalIgnoreCase);

        // The jeugdarts' advice to leerplicht is recorded.
        var advies = await route.WaitForCardAsync(Jasper, "Vrijstelling 5a: advies aan leerplicht voor Daan de Vries (2b)");
        Assert.Contains("er wordt dan een vrijstelling verleend", Visible(advies), StringComparison.Ordinal);
        Assert.Contains("Kies je advies", (await route.PressAsync(Jasper, advies, "vrijstelling.advies")).Shown(), StringComparison.Ordinal);
        Assert.Contains("Advies aan leerplicht verstuurd: vrijstelling voor bepaalde tijd", (await route.PressAsync(Jasper, advies, "vrijstelling.advies", new() { ["keuze"] = "bepaald" })).Shown(), StringComparison.Ordinal);

        // Leerplicht decides; the vrijstelling makes Daan type 1 and counts towards the SWV's goal of at most 5 (002 §8.1).
        var besluit = await route.WaitForCardAsync(Lotte, "Vrijstelling 5a: besluit over Daan de Vries (2b)");
        Assert.Contains("Advies van de jeugdarts: vrijstelling voor bepaalde tijd", Visible(besluit), StringComparison.Ordinal);
        var granted = await route.PressAsync(Lotte, besluit, "vrijstelling.beschikking", title: "Vrijstelling bepaalde tijd");
        Assert.Contains("Vrijstelling verleend voor bepaalde tijd", granted.Shown(), StringComparison.Ordinal);
        Assert.Contains("hoogstens 5 vrijstellingen", granted.Shown(), StringComparison.Ordinal);
        Assert.Contains("Al afgehandeld: Vrijstelling 5a: vrijstelling verleend voor bepaalde tijd", (await route.PressAsync(Lotte, besluit, "vrijstelling.beschikking", title: "Geen vrijstelling")).Shown(), StringComparison.Ordinal);
        Assert.Contains("Type 1: vrijstelling bepaalde tijd", Visible(await route.CardReplyAsync(Zora, "thuiszitter 123456")), StringComparison.Ordinal);

        var steps = (await DossierAsync(route)).Of<VrijstellingStepRecorded>().Select(s => (s.Step, s.RecordedBy.Role, s.Organisation)).ToList();
        Assert.Equal(
        [
            (VrijstellingStep.AanvraagOntvangen, Role.Leerplichtambtenaar, "RBL-DEMO"), (VrijstellingStep.OnderzoekJeugdarts, Role.Jeugdarts, "GGD-DEMO"),
            (VrijstellingStep.SwvGeenPassendOnderwijs, Role.Swv, "SWV-DEMO"), (VrijstellingStep.AdviesAanLeerplicht, Role.Jeugdarts, "GGD-DEMO"),
            (VrijstellingStep.VrijstellingVerleend, Role.Leerplichtambtenaar, "RBL-DEMO"),
        ], steps);
        var digest = await new DigestQuery(route.App.Services.GetRequiredService<DossierStore>(), route.App.Services.GetRequiredService<RosterStore>(), route.App.Services.GetRequiredService<SchoolProtocols>())
            .ComputeAsync(["99DE00"], At(2026, 12, 7, 9, 0), At(2026, 11, 30, 8, 0));
        Assert.Equal((1, 1, 5), (digest.Total.VrijstellingenNew, digest.Total.VrijstellingenInForce, digest.VrijstellingGoal));
    }

    [Fact]
    public async Task Vrijstelling5a_SwvSeesPassendOnderwijs_NoVrijstelling_AndLeerplichtMustGiveAReasonToDeviate()
    {
        // 002 §7 / 000 stap 3: "Als een mogelijkheid wordt gevonden ... passend onderwijs te bieden ... Er wordt dan geen vrijstelling verleend."
        var (route, _) = await OpenCaseAsync(reportToSwv: false);
        await using var _route = route;
        await route.SetClockAsync(At(2026, 12, 2, 9, 0));

        // Not reported to the SWV yet: the SWV cannot find the student (domain.md §8).
        Assert.Contains(await route.SayAsync(Sanne, "thuiszitter 123456"), t => t.StartsWith("Ik vind geen leerling", StringComparison.Ordinal));

        // Entry point: leerplicht types "vrijstelling <leerling>"; others are refused.
        Assert.Contains(await route.SayAsync(Zora, "vrijstelling 123456"), t => t.Contains("dit mag alleen een leerplichtambtenaar", StringComparison.Ordinal));
        var form = await route.CardReplyAsync(Lotte, "vrijstelling Daan de Vries");
        await route.PressAsync(Lotte, form, "vrijstelling.aanvraag");
        Assert.Contains(await route.SayAsync(Lotte, "vrijstelling 123456"), t => t.Contains("loopt al een vrijstellingsprocedure", StringComparison.Ordinal));
        var onderzoek = await route.WaitForCardAsync(Jasper, "Vrijstelling 5a: onderzoek");
        await route.PressAsync(Jasper, onderzoek, "vrijstelling.onderzoek");

        // The jeugdarts put it to the SWV: now the SWV may answer (000: "de GGD-arts ... legt de aanvraag voor aan het samenwerkingsverband").
        var swv = await route.WaitForCardAsync(Sanne, "is passend onderwijs mogelijk");
        Assert.Contains("Dit mag alleen een swv", (await route.PressAsync(Zora, swv, "vrijstelling.swv", new() { ["reden"] = "x" }, title: "Passend onderwijs mogelijk")).Shown(), StringComparison.OrdinalIgnoreCase);
        var possible = await route.PressAsync(Sanne, swv, "vrijstelling.swv", new() { ["reden"] = "Plaatsing op het VSO met ambulante zorg" }, title: "Passend onderwijs mogelijk");
        Assert.Contains("SWV: passend onderwijs mogelijk (geen vrijstelling)", possible.Shown(), StringComparison.Ordinal);
        Assert.Contains("Al afgehandeld: Vrijstelling 5a: SWV: passend onderwijs mogelijk", (await route.PressAsync(Sanne, swv, "vrijstelling.swv", new() { ["reden"] = "y" }, title: "Geen passend onderwijs mogelijk")).Shown(), StringComparison.Ordinal);

        var advies = await route.WaitForCardAsync(Jasper, "advies aan leerplicht");
        Assert.Contains("er wordt dan geen vrijstelling verleend", Visible(advies), StringComparison.Ordinal);
        await route.PressAsync(Jasper, advies, "vrijstelling.advies", new() { ["keuze"] = "geen", ["reden"] = "Passend aanbod via het SWV" });

        var besluit = await route.WaitForCardAsync(Lotte, "Vrijstelling 5a: besluit");
        var deviates = await route.PressAsync(Lotte, besluit, "vrijstelling.beschikking", title: "Vrijstelling bepaalde tijd");
        Assert.Contains("wijkt af van het advies", deviates.Shown(), StringComparison.Ordinal);
        Assert.Contains("Geen vrijstelling verleend", (await route.PressAsync(Lotte, besluit, "vrijstelling.beschikking", title: "Geen vrijstelling")).Shown(), StringComparison.Ordinal);

        var last = (await DossierAsync(route)).Of<VrijstellingStepRecorded>().Last();
        Assert.Equal(VrijstellingStep.VrijstellingNietVerleend, last.Step);
        Assert.Null((await DossierAsync(route)).VrijstellingOn(new DateOnly(2026, 12, 14), Domain.Profiles.ProtocolProfiles.Load(Domain.Profiles.ProtocolProfiles.UtrechtWestVo).Thuiszitter));
        Assert.Contains("Type 5: geoorloofd 4 weken tot 3 maanden", Visible(await route.CardReplyAsync(Zora, "thuiszitter 123456")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doorzettingsmacht_StartedTheLastSchoolDayBeforeChristmas_RemindedOn31December_OverdueOn6January_ThenResolved()
    {
        // 002 Bijlage 2: "De opdracht is om binnen 10 werkdagen ... toegang tot een passende onderwijssetting te bieden."
        // Werkdagen skip 25/26 December and 1 January but not the kerstvakantie: from Fri 18 Dec 2026 the 10th is Tue 5 Jan 2027.
        var (route, _) = await OpenCaseAsync();
        await using var _route = route;
        await route.SetClockAsync(At(2026, 12, 18, 10, 0));

        Assert.Contains(await route.SayAsync(Zora, "doorzettingsmacht 123456"), t => t.Contains("dit mag alleen het SWV", StringComparison.Ordinal));
        var form = await route.CardReplyAsync(Sanne, "doorzettingsmacht 123456");
        Assert.Contains("Dit mag alleen een swv", (await route.PressAsync(Zora, form, "doorzettingsmacht.starten", new() { ["keuze"] = "bestuur", ["reden"] = "x" })).Shown(), StringComparison.OrdinalIgnoreCase);
        var incomplete = await route.PressAsync(Sanne, form, "doorzettingsmacht.starten", new() { ["keuze"] = "bestuur" });
        Assert.Contains("geef de reden", incomplete.Shown(), StringComparison.Ordinal);
        Assert.Empty((await DossierAsync(route)).Of<DoorzettingsmachtStarted>());

        var started = await route.PressAsync(Sanne, form, "doorzettingsmacht.starten", new() { ["keuze"] = "bestuur", ["reden"] = "Geen school binnen het SWV kan Daan plaatsen" });
        Assert.Contains("Doorzettingsmacht gestart", started.Shown(), StringComparison.Ordinal);
        Assert.Contains("de voorzitter van het bestuur van het SWV", started.Shown(), StringComparison.Ordinal);
        Assert.Contains("dinsdag 5 januari 2027 (10 werkdagen)", started.Shown(), StringComparison.Ordinal);
        Assert.Contains("Al afgehandeld: Doorzettingsmacht gestart op 18-12-2026", (await route.PressAsync(Sanne, form, "doorzettingsmacht.starten", new() { ["keuze"] = "wethouder", ["reden"] = "nog eens" })).Shown(), StringComparison.Ordinal);
        var fact = Assert.Single((await DossierAsync(route)).Of<DoorzettingsmachtStarted>());
        Assert.Equal((Role.Swv, "SWV-DEMO", DoorzettingsmachtRoute.BestuursvoorzitterSwv, "Geen school binnen het SWV kan Daan plaatsen"), (fact.RecordedBy.Role, fact.Organisation, fact.EscalatedTo, fact.Reason));

        // Reminder two werkdagen before the deadline (Thu 31 Dec, in the holiday: werkdagen, not school days), not the day before.
        await route.SetClockAsync(At(2026, 12, 30));
        Assert.Equal(0, route.CountCards(Sanne, "Doorzettingsmacht: termijn loopt af"));
        await route.SetClockAsync(At(2026, 12, 31));
        await route.WaitForCardAsync(Sanne, "Doorzettingsmacht: termijn loopt af voor Daan de Vries (2b)");

        // Overdue the werkdag after the deadline: Wed 6 Jan 2027, not Tue 5 Jan.
        await route.SetClockAsync(At(2027, 1, 5));
        Assert.Equal(0, route.CountCards(Sanne, "Doorzettingsmacht: termijn verlopen"));
        await route.SetClockAsync(At(2027, 1, 6));
        var overdue = await route.WaitForCardAsync(Sanne, "Doorzettingsmacht: termijn verlopen voor Daan de Vries (2b)");
        Assert.Contains("dinsdag 5 januari 2027", Visible(overdue), StringComparison.Ordinal);

        // Resolved by the SWV, with how; a zorgcoördinator may not; pressed twice changes nothing.
        Assert.Contains("Dit mag alleen een swv", (await route.PressAsync(Zora, overdue, "doorzettingsmacht.afgerond", new() { ["reden"] = "x" })).Shown(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Geef aan hoe het is opgelost", (await route.PressAsync(Sanne, overdue, "doorzettingsmacht.afgerond")).Shown(), StringComparison.Ordinal);
        await route.SetClockAsync(At(2027, 1, 6, 14, 0));
        var resolved = await route.PressAsync(Sanne, overdue, "doorzettingsmacht.afgerond", new() { ["reden"] = "Bestuur biedt plaats op De Brug vanaf 11 januari" });
        Assert.Contains("Doorzettingsmacht afgerond", resolved.Shown(), StringComparison.Ordinal);
        Assert.Contains("Al afgehandeld: Doorzettingsmacht afgerond op 06-01-2027: Bestuur biedt plaats op De Brug vanaf 11 januari", (await route.PressAsync(Sanne, overdue, "doorzettingsmacht.afgerond", new() { ["reden"] = "z" })).Shown(), StringComparison.Ordinal);
        Assert.Single((await DossierAsync(route)).Of<DoorzettingsmachtResolved>());
    }

    [Fact]
    public async Task PassendAanbodGestart_ClosesTheCase_EndsTheDoorzettingsmacht_AndIsRefusedForOthersAndTwice()
    {
        // domain.md §7 / 002 Bijlage 2: "terug op school" or "passend aanbod gestart" closes the case; the escalation has done its work.
        var (route, schoolCase) = await OpenCaseAsync();
        await using var _route = route;
        await route.SetClockAsync(At(2026, 12, 18, 10, 0));
        var form = await route.CardReplyAsync(Sanne, "doorzettingsmacht 123456");
        await route.PressAsync(Sanne, form, "doorzettingsmacht.starten", new() { ["keuze"] = "wethouder", ["reden"] = "Geen passend zorgaanbod" });

        await route.SetClockAsync(At(2026, 12, 21, 10, 0));

        // 004 Werkwijzer punt 2: the verzuimcoördinator records the new DUO melding 'thuiszitter' of a case that started as illness
        // (leerplicht's "ja" lifts the sick-only rule of domain.md §8 for this melding).
        var duo = await route.TickAsync(Vera, schoolCase, "Melding DUO-verzuimloket met toelichting 'thuiszitter'", "DUO-2026-0815");
        Assert.Contains("Afgevinkt: Melding DUO-verzuimloket met toelichting 'thuiszitter'", duo.Shown(), StringComparison.Ordinal);
        Assert.Contains("Vera Verzuim (verzuimcoördinator, 99DE00)", duo.Shown(), StringComparison.Ordinal);

        Assert.Contains("Dit mag alleen een zorgcoördinator of verzuimcoördinator", (await route.PressAsync(Max, schoolCase, "thuiszitter.terug", title: "Passend aanbod gestart")).Shown(), StringComparison.Ordinal);
        var closed = await route.PressAsync(Zora, schoolCase, "thuiszitter.terug", new() { ["toelichting"] = "Onderwijs-zorgarrangement bij De Brug" }, title: "Passend aanbod gestart");
        Assert.Contains("Thuiszitterscasus gesloten: passend aanbod gestart", closed.Shown(), StringComparison.Ordinal);
        Assert.Contains("Al afgehandeld: Passend aanbod gestart op 21-12-2026", (await route.PressAsync(Vera, schoolCase, "thuiszitter.terug", title: "Terug op school")).Shown(), StringComparison.Ordinal);

        var dossier = await DossierAsync(route);
        Assert.Null(dossier.OpenThuiszitterCase(VerzuimBot.Domain.Profiles.ProtocolProfiles.Load("utrecht-west-vo").Thuiszitter));
        var back = Assert.Single(dossier.Of<ReturnedToSchool>());
        Assert.Equal((true, "99DE00", "Onderwijs-zorgarrangement bij De Brug"), (back.PassendAanbod, back.Organisation, back.Note));

        // No doorzettingsmacht reminders after the return, and ticking the old checklist is refused.
        await route.SetClockAsync(At(2027, 1, 6));
        Assert.Equal(0, route.CountCards(Sanne, "Doorzettingsmacht: termijn"));
        Assert.Contains("geen open thuiszitterscasus", (await route.TickAsync(Zora, schoolCase, SchoolItemZorgstructuur)).Shown(), StringComparison.Ordinal);
        Assert.Contains("De thuiszitterscasus is gesloten: Passend aanbod gestart op 21-12-2026", Visible(await route.CardReplyAsync(Zora, "thuiszitter 123456")), StringComparison.Ordinal);
    }

    [Fact] // 003 "de doorloopsnelheid: de gemiddelde tijd dat een kind thuiszit"; domain.md §7: a sick thuiszitter beter gemeld is back at school.
    public async Task BeterMelding_OnAnOpenCase_EndsItAsAReturn_SaidInTheReplyAndOnTheCaseCard()
    {
        var (route, schoolCase) = await OpenCaseAsync();
        await using var _route = route;
        await route.SetClockAsync(At(2026, 12, 7, 8, 0));

        var beter = await route.SayAsync(Rita, "beter 123456");
        Assert.Contains(beter, t => t.StartsWith("Beter gemeld: Daan de Vries (2b) is vanaf maandag 7 december 2026 weer op school.", StringComparison.Ordinal)
            && t.EndsWith("Daarmee is de thuiszitterscasus gesloten: terug op school.", StringComparison.Ordinal));

        var dossier = await DossierAsync(route);
        Assert.Null(dossier.OpenThuiszitterCase(VerzuimBot.Domain.Profiles.ProtocolProfiles.Load("utrecht-west-vo").Thuiszitter));
        var ended = Assert.Single(dossier.EndedThuiszitterCases());
        Assert.Equal((new DateOnly(2026, 12, 7), typeof(BeterMeldingRecorded)), (ended.BackOn, ended.EndedBy.GetType()));
        var caseCard = await route.CardReplyAsync(Zora, "thuiszitter 123456");
        Assert.Contains("De thuiszitterscasus is gesloten: Beter gemeld, terug op school op 07-12-2026", Visible(caseCard), StringComparison.Ordinal);

        // The case card pressed before the beter-melding: nothing more to close, and it says why.
        Assert.Contains("Al afgehandeld: Beter-melding, terug op 07-12-2026", (await route.PressAsync(Vera, schoolCase, "thuiszitter.terug", title: "Terug op school")).Shown(), StringComparison.Ordinal);
        Assert.Single((await DossierAsync(route)).EndedThuiszitterCases());
    }
}
