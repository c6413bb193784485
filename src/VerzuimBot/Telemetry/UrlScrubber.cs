using System.Diagnostics;
using OpenTelemetry;

namespace VerzuimBot.Telemetry;

/// <summary>
/// Removes what a URL may carry before any span is exported: the path of an inbound request becomes its route
/// template (the token of <c>/api/overzicht/export/{token}</c> is never recorded), and outbound URLs keep only
/// scheme and host (table keys hold pseudonymous student ids; conversation ids and queries are dropped too).
/// Runs on every span, whoever made it: ASP.NET Core, HttpClient, the Azure SDK or our own sources.
/// </summary>
internal sealed class UrlScrubber : BaseProcessor<Activity>
{
    private static readonly string[] FullUrlTags = ["url.full", "http.url"];
    private static readonly string[] PathTags = ["url.path", "http.target"];
    private static readonly string[] DroppedTags = ["url.query"];

    public override void OnEnd(Activity data)
    {
        foreach (var tag in FullUrlTags)
        {
            if (data.GetTagItem(tag) is string url)
            {
                data.SetTag(tag, SchemeAndHost(url));
            }
        }

        var route = data.GetTagItem("http.route") as string;
        foreach (var tag in PathTags)
        {
            if (data.GetTagItem(tag) is string)
            {
                data.SetTag(tag, route);
            }
        }

        foreach (var tag in DroppedTags)
        {
            if (data.GetTagItem(tag) is not null)
            {
                data.SetTag(tag, null);
            }
        }
    }

    internal static string SchemeAndHost(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) + "/" : "(redacted)";
}
