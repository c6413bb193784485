using VerzuimBot.Access.Pseudonyms;
using VerzuimBot.Access.Roster;
using VerzuimBot.Domain.Identity;

namespace VerzuimBot.Access.Tests;

// issue 19 item 5: the student id is an HMAC under a configured secret, and the start-up check says what is wrong with it.
public sealed class PseudonymKeyTests
{
    private static readonly SchoolId School = new(AccessFixture.School);

    [Fact]
    public void StudentIds_UnderAnotherKey_AreOtherIds_AndNeverTheUnkeyedHashOfEarlierVersions()
    {
        var other = new StudentIds(new byte[32]);

        Assert.NotEqual(AccessFixture.Ids.For(School, "100001"), other.For(School, "100001"));
        Assert.NotEqual(UnkeyedStudentIds.For(School, "100001"), AccessFixture.Ids.For(School, "100001"));
        Assert.NotEqual(UnkeyedStudentIds.For(School, "100001"), StudentIds.ForDevelopment().For(School, "100001"));
        Assert.Throws<ArgumentException>(() => new StudentIds(new byte[31]));
    }

    [Theory]
    [InlineData(null, false, "is not configured")]
    [InlineData("  ", false, "is not configured")]
    [InlineData("AAAA", true, "needs at least 32")]
    [InlineData("%%%", true, "not valid base64")]
    public void Problem_NamesWhatIsWrong(string? configured, bool isDevelopment, string problem)
    {
        Assert.Contains(problem, PseudonymKey.Problem(configured, isDevelopment), StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => PseudonymKey.Resolve(configured, isDevelopment, new CapturingLoggerFactory().Logger<PseudonymKeyTests>()));
    }

    [Fact]
    public void Resolve_InDevelopmentWithoutAKey_UsesTheDevelopmentKeyAndWarns_WithAKeyUsesIt()
    {
        var logs = new CapturingLoggerFactory();
        var key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

        Assert.Null(PseudonymKey.Problem(null, isDevelopment: true));
        Assert.Equal(StudentIds.ForDevelopment().For(School, "1"), new StudentIds(PseudonymKey.Resolve(null, true, logs.Logger<PseudonymKeyTests>())).For(School, "1"));
        Assert.Contains(logs.Messages, m => m.Contains("Privacy:PseudonymKey", StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(1, 32).Select(i => (byte)i), PseudonymKey.Resolve(key, false, logs.Logger<PseudonymKeyTests>()));
        Assert.DoesNotContain(logs.Messages, m => m.Contains(key, StringComparison.Ordinal));
    }
}
