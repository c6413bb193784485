using VerzuimBot.Tests.Infrastructure;

namespace VerzuimBot.Tests.SickRoute;

// issue 7 item 7 / domain.md §8: children's names, leerlingnummers and medical details never appear in logs.
public sealed class NoChildrensDataInLogsTests
{
    [Fact]
    public async Task TheWholeRoute_RefusalsIncluded_LogsNoNameNumberOrMedicalDetail()
    {
        var logs = new CapturingLoggerProvider();
        await using (var route = new RouteHarness(services: logs.AddTo))
        {
            await WholeZiekmelding.WalkAsync(route);
        }

        Assert.NotEmpty(logs.Lines);

        // The local log may name the pseudonymous student id (a refusal, a task); exported telemetry never does (NoChildrensDataInTelemetryTests).
        foreach (var secret in WholeZiekmelding.Secrets.Where(s => !s.StartsWith("s-", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(logs.Lines, line => line.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }
}
