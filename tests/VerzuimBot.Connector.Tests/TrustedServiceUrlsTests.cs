using VerzuimBot.Connector.Client;

namespace VerzuimBot.Connector.Tests;

public class TrustedServiceUrlsTests
{
    [Fact]
    public void Production_TrustsOnlyConfiguredOrSeenHttpsUrls()
    {
        var trusted = new TrustedServiceUrls(["https://smba.trafficmanager.net/emea"], developmentMode: false);
        Assert.True(trusted.IsTrusted("https://smba.trafficmanager.net/emea/"));
        Assert.False(trusted.IsTrusted("https://smba.trafficmanager.net/amer/"));
        trusted.Trust("https://smba.trafficmanager.net/amer/");
        Assert.True(trusted.IsTrusted("https://smba.trafficmanager.net/amer"));
        Assert.False(trusted.IsTrusted("http://127.0.0.1:56150/_connector"));
    }

    [Fact]
    public void Development_TrustsOnlyLoopback()
    {
        var trusted = new TrustedServiceUrls([], developmentMode: true);
        Assert.True(trusted.IsTrusted("http://127.0.0.1:56150/_connector"));
        Assert.True(trusted.IsTrusted("http://localhost:56150/_connector"));
        Assert.False(trusted.IsTrusted("https://smba.trafficmanager.net/emea/"));
        Assert.False(trusted.IsTrusted("niet een url"));
    }
}
