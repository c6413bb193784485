using System.Globalization;
using System.Text.RegularExpressions;
using VerzuimBot.Access.Authorization;
using VerzuimBot.Connector.Schema;
using VerzuimBot.Development;
using VerzuimBot.Domain.Calendar;
using VerzuimBot.Tasks;
using VerzuimBot.Protocol.Schools;

namespace VerzuimBot.Demo;

/// <summary>
/// Development demo commands: "speel &lt;rol&gt;" / "speel mezelf" (act as a demo role in this chat) and
/// "tijd", "tijd +3 schooldagen", "tijd 09-10-2026 08:30" (move the demo clock; due reminders go out
/// at once). Outside the demo these words are unknown commands.
/// </summary>
internal sealed partial class DemoCommands(DemoStage stage, TimeProvider time, SchoolProtocols protocols, ReminderSweeper sweeper, DemoOptions options) : Messages.IChatCommands
{
    public async Task<Activity?> TryHandleAsync(Activity activity, string command, string original, string dialogKey, CancellationToken cancellationToken)
    {
        if (!stage.Enabled || activity.TenantId is not { } tenant || activity.From?.AadObjectId is not { } user)
        {
            return null;
        }

        if (command.StartsWith("speel ", StringComparison.Ordinal))
        {
            var roleText = command[6..].Trim();
            if (roleText is "mezelf" or "mij" or "stop")
            {
                stage.StopPlaying(tenant, user);
                return Activity.Message("Je speelt geen rol meer: je bent weer jezelf.");
            }

            var persona = RoleNames.TryParse(roleText, out var role) ? stage.Play(tenant, user, role) : null;
            return Activity.Message(persona is null
                ? $"Die rol ken ik niet in de demo. Kies uit: {string.Join(", ", stage.Personas.Select(p => RoleNames.Dutch(p.Role)))}."
                : $"Je speelt nu {persona.Name} ({RoleNames.Dutch(persona.Role)}). Typ \"speel mezelf\" om te stoppen.");
        }

        if (command != "tijd" && !command.StartsWith("tijd ", StringComparison.Ordinal))
        {
            return null;
        }

        if (time is not DevelopmentClock clock)
        {
            return Activity.Message("De klok kan alleen in de demo verzet worden.");
        }

        var argument = command.Length > 4 ? command[5..].Trim() : string.Empty;
        if (argument.Length > 0)
        {
            var problem = Move(clock, argument);
            if (problem is not null)
            {
                return Activity.Message(problem);
            }
        }

        var sent = argument.Length > 0 ? await sweeper.SweepAsync(cancellationToken).ConfigureAwait(false) : 0;
        var now = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), SchoolClock.Zone);
        var day = DateOnly.FromDateTime(now.DateTime);
        var schoolDay = protocols.For(options.SchoolId).Calendar.IsSchoolDay(day) ? "schooldag" : "geen schooldag";
        return Activity.Message($"Het is nu {now.ToString("dddd d MMMM yyyy HH:mm", CultureInfo.GetCultureInfo("nl-NL"))} ({schoolDay}). {sent} herinnering(en) verstuurd.");
    }

    private string? Move(DevelopmentClock clock, string argument)
    {
        var calendar = protocols.For(options.SchoolId).Calendar;
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), SchoolClock.Zone);
        var match = Forward().Match(argument);
        if (match.Success)
        {
            var count = int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
            if (count > 200)
            {
                return "Verzet de klok met hoogstens 200 dagen tegelijk.";
            }

            var today = DateOnly.FromDateTime(local.DateTime);
            var day = match.Groups["unit"].Value.StartsWith("school", StringComparison.Ordinal) ? calendar.AddSchoolDays(today, count) : today.AddDays(count);
            clock.SetNow(SchoolClock.At(day, TimeOnly.FromDateTime(local.DateTime)));
            return null;
        }

        if (DateTime.TryParseExact(argument, ["dd-MM-yyyy HH:mm", "d-M-yyyy HH:mm", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment))
        {
            clock.SetNow(SchoolClock.At(DateOnly.FromDateTime(moment), TimeOnly.FromDateTime(moment)));
            return null;
        }

        return "Typ bijvoorbeeld \"tijd +3 schooldagen\", \"tijd +1 dag\" of \"tijd 09-10-2026 08:30\".";
    }

    [GeneratedRegex(@"^\+(?<n>\d{1,3}) ?(?<unit>schooldagen|schooldag|dagen|dag)$", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex Forward();
}
