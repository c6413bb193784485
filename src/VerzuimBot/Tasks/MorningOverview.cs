using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VerzuimBot.CardActions;
using VerzuimBot.Cards;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Language;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Protocol.Dossiers;
using VerzuimBot.Protocol.Schools;
using VerzuimBot.Protocol.Students;
using VerzuimBot.Staff;

namespace VerzuimBot.Tasks;

/// <summary>
/// One task on a morning overview. The card carries the list of its tasks (school, student, task id), so every press on
/// it can show the whole overview again; the list is re-read and re-checked on each press, never trusted.
/// </summary>
internal sealed record OverviewEntry(string SchoolId, string StudentId, string TaskId)
{
    /// <summary>More than a morning's work for one person; a longer list on a card is not ours.</summary>
    public const int Most = 30;

    public const string Field = "overzicht";

    public static string Join(IEnumerable<OverviewEntry> entries) => string.Join('~', entries.Select(e => $"{e.SchoolId}|{e.StudentId}|{e.TaskId}"));

    /// <summary>The list a card sent back; empty when absent or anything in it is not an id.</summary>
    public static IReadOnlyList<OverviewEntry> Parse(CardData data)
    {
        var entries = new List<OverviewEntry>();
        foreach (var part in data.Text(Field, 8000)?.Split('~') ?? [])
        {
            if (part.Split('|') is not [var school, var student, var task] || entries.Count == Most || !new[] { school, student, task }.All(IsId))
            {
                return [];
            }

            entries.Add(new OverviewEntry(school, student, task));
        }

        return entries;
    }

    private static bool IsId(string text) => text.Length is > 0 and <= 200 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '/' or '.' or ':');
}

/// <summary>A task on the overview as it is now: open (with its own card to answer it), just answered, or done.</summary>
internal sealed record OverviewItem(OverviewEntry Entry, StudentRecord Student, DueTask? Open, string What, DateOnly? OpenSince, bool Urgent, JsonNodeCard? Card, JsonNodeCard? Answer);

/// <summary>
/// The morning overview (issue 21 item 3): the reminders due for one person in one sweep as one card, grouped per student
/// in ladder order, each answerable on the card itself. A press on an item is answered by the item's own card action;
/// the card that comes back is the overview again with that answer in the item's place (Universal Actions), and Teams'
/// refresh shows what is still open whenever the card is opened.
/// </summary>
internal sealed partial class MorningOverview(
    CardTemplateLibrary templates, TaskCards taskCards, ActingStaff acting, StudentDirectory students, DossierService dossiers, SchoolProtocols protocols, TimeProvider time)
{
    public const string RefreshVerb = "overzicht.vernieuwen";

    public const string NotYours = "Dit overzicht is niet (meer) voor jou. Typ \"taken\" voor wat er voor je open staat.";

    /// <summary>The card for a sweep's tasks of one person: <paramref name="tasks"/> as (task, student, dossier, protocol).</summary>
    public JsonNodeCard ForDelivery(IEnumerable<(DueTask Task, StudentRecord Student, DossierView Dossier, SchoolProtocol Protocol)> tasks, DateTimeOffset now)
    {
        var ordered = InOrder(tasks, t => t.Student, t => t.Task).ToList();
        var entries = ordered.Select(t => Entry(t.Task, t.Student)).ToList();
        var list = OverviewEntry.Join(entries);
        return Render(list, ordered.Select(t => Item(Entry(t.Task, t.Student), t.Student, t.Task, t.Protocol.Engine.Evaluate(t.Dossier, now), t.Dossier, t.Protocol, now, list, answer: null)).ToList(), now);
    }

    /// <summary>
    /// After a press on one of the overview's items (or Teams' refresh): the overview as it is now for the presser, with
    /// <paramref name="answered"/> (the item's task id and the card its action returned) in that item's place. Only the
    /// tasks the presser holds are shown; a list with none of theirs reveals nothing.
    /// </summary>
    public async Task<CardActionResult> ShowAsync(Activity activity, IReadOnlyList<OverviewEntry> entries, (string TaskId, JsonNodeCard Card)? answered, CancellationToken cancellationToken)
    {
        var resolved = await acting.ResolveAsync(activity, cancellationToken).ConfigureAwait(false);
        if (resolved.Member is not { } staff)
        {
            return CardActionResult.Say(resolved.Refusal!);
        }

        var now = time.GetUtcNow();
        var grants = staff.Actor.Grants.Where(g => g.IsValidAt(now)).ToList();
        var list = OverviewEntry.Join(entries);
        var items = new List<OverviewItem>();
        foreach (var entry in entries)
        {
            if (TaskKey.Parse(entry.TaskId) is not { } key || key.Student.Value != entry.StudentId
                || await students.GetAsync(entry.SchoolId, entry.StudentId, cancellationToken).ConfigureAwait(false) is not { } student
                || !OpenTasks.IsMine(grants, key.Assignee, student))
            {
                continue;
            }

            var protocol = protocols.For(student.SchoolId);
            var dossier = await dossiers.ReadAsync(student.SchoolId, student.Id, cancellationToken).ConfigureAwait(false);
            var open = protocol.Engine.Evaluate(dossier, now);
            var answer = answered is { } a && a.TaskId == entry.TaskId ? a.Card : null;
            items.Add(Item(entry, student, open.FirstOrDefault(t => t.Id.Value == entry.TaskId), open, dossier, protocol, now, list, answer, key));
        }

        if (items.Count == 0)
        {
            // Answered by someone who holds none of the overview's tasks themselves (a replacement): their answer as it came.
            return answered is { } own ? CardActionResult.Replace(own.Card) : CardActionResult.Say(NotYours);
        }

        return CardActionResult.Replace(Render(list, items, now));
    }

    /// <summary>Students in name order, each student's tasks by due moment and then in ladder order (3 before 12 uur).</summary>
    public static IEnumerable<T> InOrder<T>(IEnumerable<T> tasks, Func<T, StudentRecord> student, Func<T, DueTask> task) =>
        tasks.OrderBy(t => student(t).Label, NaturalOrder.Instance).ThenBy(t => student(t).Id.Value, StringComparer.Ordinal)
            .ThenBy(t => SchoolClock.LocalDate(task(t).DueAt)).ThenBy(t => task(t).Id.Value, NaturalOrder.Instance);

    /// <summary>
    /// A legal deadline that is today (or passed): the engine names it in the task ("uiterlijk 06-11-2026", "vandaag de
    /// laatste dag"), e.g. the signaalverzuim melding (domain.md §4) or doorzettingsmacht (002 Bijlage 2).
    /// </summary>
    public static bool IsUrgent(DueTask task, DateOnly today) =>
        task.Detail is { } detail
        && (detail.Contains("vandaag de laatste dag", StringComparison.Ordinal)
            || (Deadline().Match(detail) is { Success: true } m && DateOnly.ParseExact(m.Groups[1].Value, "dd-MM-yyyy", CultureInfo.InvariantCulture) <= today
                && task.Kind is TaskKind.SignaalverzuimDeadline or TaskKind.DoorzettingsmachtReminder or TaskKind.DoorzettingsmachtOverdue));

    private static OverviewEntry Entry(DueTask task, StudentRecord student) => new(student.SchoolId, student.Id.Value, task.Id.Value);

    private OverviewItem Item(OverviewEntry entry, StudentRecord student, DueTask? current, IReadOnlyList<DueTask> open, DossierView dossier, SchoolProtocol protocol, DateTimeOffset now, string list, JsonNodeCard? answer, TaskKey? key = null)
    {
        key ??= current?.Key;
        var today = SchoolClock.LocalDate(now);
        var what = key is null ? string.Empty : TaskTitles.Of(key.Kind);
        if (current is { Kind: TaskKind.LadderRung or TaskKind.LeerplichtInterventie, Detail: { Length: > 0 } hours })
        {
            what = $"{what} ({hours})";
        }

        // A reminder is about a task that was due earlier: say since when it is open.
        DateTimeOffset? first = current is null ? null : open.Where(t => t.Kind == current.Kind && t.Anchor == current.Key.BaseAnchor).Select(t => (DateTimeOffset?)t.DueAt).FirstOrDefault() ?? current.DueAt;
        var since = first is { } at && SchoolClock.LocalDate(at) < today ? SchoolClock.LocalDate(at) : (DateOnly?)null;
        var card = current is null || answer is not null ? null : Tagged(taskCards.For(current, student, dossier, protocol, now), list);
        return new OverviewItem(entry, student, current, what, since, current is not null && IsUrgent(current, today), card, answer is null ? null : Tagged(answer, list));
    }

    private JsonNodeCard Render(string list, IReadOnlyList<OverviewItem> items, DateTimeOffset now)
    {
        var perStudent = items.GroupBy(i => i.Student.Id.Value).ToList();
        var count = items.Count(i => i.Open is not null);
        var data = new JsonObject
        {
            ["ondertitel"] = $"{DutchDates.LongDate(SchoolClock.LocalDate(now))} · {(count == 1 ? "1 taak" : $"{count} taken")} open voor {(perStudent.Count == 1 ? "1 leerling" : $"{perStudent.Count} leerlingen")}",
            [OverviewEntry.Field] = list,
            ["leerlingen"] = new JsonArray(perStudent.Select(s => (JsonNode)new JsonObject
            {
                ["leerling"] = s.First().Student.Label,
                ["taken"] = new JsonArray(s.Select(i => (JsonNode)new JsonObject
                {
                    ["wat"] = i.What,
                    ["urgent"] = i.Urgent,
                    ["sinds"] = i.OpenSince is { } since ? DutchDates.LongDate(since) : string.Empty,
                    ["klaar"] = i.Open is null,
                    ["antwoord"] = i.Answer is { } answer ? Inline(answer) : new JsonArray(),
                    ["kaart"] = i.Card is { } card ? JsonNode.Parse(card.Content.GetRawText()) : string.Empty,
                }).ToArray()),
            }).ToArray()),
        };
        return JsonNodeCard.From(templates.Render("ochtendoverzicht", data));
    }

    /// <summary>A card's body and buttons as elements in the overview (the answer shown where the item was).</summary>
    private static JsonArray Inline(JsonNodeCard card)
    {
        var node = JsonNode.Parse(card.Content.GetRawText())!.AsObject();
        var elements = node["body"] is JsonArray body ? body.Select(e => e?.DeepClone()).ToList() : [];
        if (node["actions"] is JsonArray { Count: > 0 } actions)
        {
            elements.Add(new JsonObject { ["type"] = "ActionSet", ["actions"] = actions.DeepClone() });
        }

        return new JsonArray([.. elements]);
    }

    /// <summary>Every Action.Execute of the item's card also sends the overview's list, so its answer can show the overview again.</summary>
    private static JsonNodeCard Tagged(JsonNodeCard card, string list)
    {
        var node = JsonNode.Parse(card.Content.GetRawText())!;
        void Walk(JsonNode? n)
        {
            switch (n)
            {
                case JsonObject obj:
                    if (obj["type"]?.GetValue<string>() == "Action.Execute")
                    {
                        if (obj["data"] is not JsonObject data)
                        {
                            obj["data"] = data = [];
                        }

                        data[OverviewEntry.Field] = list;
                    }

                    foreach (var (_, value) in obj.ToList())
                    {
                        Walk(value);
                    }

                    break;
                case JsonArray array:
                    foreach (var value in array)
                    {
                        Walk(value);
                    }

                    break;
            }
        }

        Walk(node);
        return JsonNodeCard.From(node);
    }

    [GeneratedRegex(@"uiterlijk (\d{2}-\d{2}-\d{4})", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex Deadline();
}
