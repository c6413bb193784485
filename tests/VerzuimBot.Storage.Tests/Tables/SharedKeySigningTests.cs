using VerzuimBot.Tables.AzureTables;

namespace VerzuimBot.Storage.Tests.Tables;

/// <summary>Vectors computed independently with openssl (HMAC-SHA256 over the string to sign, emulator key).</summary>
public sealed class SharedKeySigningTests
{
    private const string Date = "Sun, 22 Nov 2026 10:00:00 GMT";

    [Theory]
    [InlineData("POST", "application/json", "http://127.0.0.1:10102/devstoreaccount1/Tables",
        "POST\n\napplication/json\nSun, 22 Nov 2026 10:00:00 GMT\n/devstoreaccount1/devstoreaccount1/Tables",
        "COYAECz6W5e4zPGJRLmuTWgfIbW498fLbdMpTl0Rdgw=")]
    [InlineData("GET", null, "http://127.0.0.1:10102/devstoreaccount1/visits(PartitionKey=%27p%27,RowKey=%27r%27)?$filter=x",
        "GET\n\n\nSun, 22 Nov 2026 10:00:00 GMT\n/devstoreaccount1/devstoreaccount1/visits(PartitionKey=%27p%27,RowKey=%27r%27)",
        "HTmiFJLm9G0vmtxw5qlMrdtIPsFEOa5MEQbVfwdp+Y0=")]
    public void Sign_PathStyleEmulatorRequest_MatchesKnownVector(string method, string? contentType, string url, string expectedStringToSign, string expectedSignature)
    {
        var stringToSign = SharedKeyAuthenticationPolicy.BuildStringToSign(method, null, contentType, Date, TableConnectionString.DevelopmentAccountName, new Uri(url));
        var policy = new SharedKeyAuthenticationPolicy(TableConnectionString.DevelopmentAccountName, TableConnectionString.DevelopmentAccountKey, TimeProvider.System);

        Assert.Equal(expectedStringToSign, stringToSign);
        Assert.Equal(expectedSignature, policy.Sign(stringToSign));
    }

    [Fact]
    public void StringToSign_KeepsOnlyTheCompParameter()
    {
        var stringToSign = SharedKeyAuthenticationPolicy.BuildStringToSign("GET", null, null, Date, "acct", new Uri("https://acct.table.core.windows.net/?restype=service&comp=properties"));
        Assert.EndsWith("\n/acct/?comp=properties", stringToSign, StringComparison.Ordinal);
    }
}
