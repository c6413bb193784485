using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VerzuimBot.Tests.Infrastructure;

namespace VerzuimBot.Tests.Development;

// issue 6 item 10: in Development the demo can set the clock or move it forward in school days; elsewhere it does not exist.
public sealed class DevelopmentClockTests : IDisposable
{
    private readonly BotApp _app = new(fixedTime: false);

    [Fact]
    public async Task SetNow_ThenAdvanceThreeSchoolDays_SkipsHerfstvakantieMidden()
    {
        var client = _app.CreateClient();
        var set = await client.PostAsJsonAsync("/api/dev/clock", new { now = "2026-10-16T08:30:00+02:00" });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.StartsWith("2026-10-16T08:30", await NowAsync(client));

        var advanced = await client.PostAsJsonAsync("/api/dev/clock", new { advanceSchoolDays = 3 });
        Assert.Equal(HttpStatusCode.OK, advanced.StatusCode);
        // Friday 16 Oct + 3 school days, herfstvakantie midden 17-25 Oct: Wednesday 28 Oct, winter time.
        var now = await NowAsync(client);
        Assert.StartsWith("2026-10-28T08:30", now);
        Assert.EndsWith("+01:00", now);
    }

    [Fact]
    public async Task BadClockRequest_Is400_InDutch()
    {
        var response = await _app.CreateClient().PostAsJsonAsync("/api/dev/clock", new { advanceSchoolDays = -1 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Geef precies één van", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task InProduction_TheClockRouteDoesNotExist()
    {
        using var app = new BotApp("Production", settings: BotApp.ProductionSettings());
        var response = await app.CreateClient().PostAsJsonAsync("/api/dev/clock", new { advanceSchoolDays = 3 });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<string> NowAsync(HttpClient client)
    {
        using var body = JsonDocument.Parse(await client.GetStringAsync("/api/dev/clock"));
        return body.RootElement.GetProperty("now").GetString()!;
    }

    public void Dispose() => _app.Dispose();
}
