using System.Text.Json.Nodes;
using VerzuimBot.Cards;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Language;
using VerzuimBot.Protocol.Students;

namespace VerzuimBot.CardActions;

/// <summary>A line of a FactSet.</summary>
internal sealed record Fact(string Title, string Value);

/// <summary>
/// Renders the sick-absence route's cards (templates in cards/). Everything that comes from people
/// or the roster is escaped here, so a name like "[klik](http://…)" shows as text.
/// </summary>
internal sealed class RouteCards(CardTemplateLibrary cards)
{
    public JsonNodeCard ZiekmeldingForm(string schoolId, DateOnly today, string? problem, string? leerling, IReadOnlyList<StudentRecord> choices, DateOnly? firstDay, string? terug, string? ouderBeltMentor) =>
        Render("ziekmelding", new JsonObject
        {
            ["heeftFout"] = problem is not null,
            ["foutmelding"] = problem ?? string.Empty,
            ["leerling"] = Text(leerling),
            ["keuzes"] = new JsonArray(choices.Select(c => (JsonNode)new JsonObject { ["titel"] = c.Label, ["waarde"] = c.Details.Leerlingnummer }).ToArray()),
            ["eersteDag"] = DutchDates.IsoDate(firstDay ?? today),
            ["minDatum"] = DutchDates.IsoDate(today.AddDays(-30)),
            ["maxDatum"] = DutchDates.IsoDate(today.AddDays(1)),
            ["terug"] = Text(terug),
            ["ouderBeltMentor"] = ouderBeltMentor ?? string.Empty,
            ["school"] = schoolId,
        });

    public JsonNodeCard Notice(string template, string title, string text, IEnumerable<Fact> facts, string footnote) => Render(template, new JsonObject
    {
        ["titel"] = title,
        ["tekst"] = text,
        ["feiten"] = Facts(facts),
        ["voetnoot"] = footnote,
    });

    /// <summary>A task card: the template's own fields plus the reference the card's action sends back.</summary>
    public JsonNodeCard Task(string template, TaskReference reference, StudentRecord student, IEnumerable<Fact> facts, JsonObject fields)
    {
        fields["leerling"] = student.Label;
        fields["feiten"] = Facts(facts);
        fields["taak"] = reference.TaskId;
        fields["school"] = reference.SchoolId;
        fields["leerlingId"] = reference.StudentId;
        return Render(template, fields);
    }

    public JsonNodeCard Done(string title, IEnumerable<Fact> facts, string by, DateTimeOffset at) => Render("afgehandeld", new JsonObject
    {
        ["titel"] = title,
        ["feiten"] = Facts(facts),
        ["door"] = by,
        ["op"] = DutchDates.Moment(at),
    });

    public JsonNodeCard TaskList(string subtitle, IEnumerable<(string What, string Student, string When, bool Late)> tasks) => Render("takenlijst", new JsonObject
    {
        ["ondertitel"] = subtitle,
        ["taken"] = new JsonArray(tasks.Select(t => (JsonNode)new JsonObject { ["wat"] = t.What, ["leerling"] = t.Student, ["wanneer"] = t.When, ["teLaat"] = t.Late }).ToArray()),
    });

    public JsonNodeCard Herstel(StudentRecord student, IEnumerable<(string Title, string EventId)> events) => Render("herstel", new JsonObject
    {
        ["leerling"] = student.Label,
        ["gebeurtenissen"] = new JsonArray(events.Select(e => (JsonNode)new JsonObject { ["titel"] = e.Title, ["waarde"] = e.EventId }).ToArray()),
        ["school"] = student.SchoolId,
        ["leerlingId"] = student.Id.Value,
    });

    public static JsonArray Facts(IEnumerable<Fact> facts) =>
        new(facts.Select(f => (JsonNode)new JsonObject { ["titel"] = f.Title, ["waarde"] = f.Value }).ToArray());

    public static JsonArray Lines(IEnumerable<string> lines) =>
        new(lines.Select(l => (JsonNode)new JsonObject { ["tekst"] = l }).ToArray());

    private static string Text(string? value) => value ?? string.Empty;

    private JsonNodeCard Render(string template, JsonObject data) => JsonNodeCard.From(cards.Render(template, data));
}

/// <summary>What a task card sends back when pressed: which task, for which student of which school.</summary>
internal sealed record TaskReference(string TaskId, string SchoolId, string StudentId);
