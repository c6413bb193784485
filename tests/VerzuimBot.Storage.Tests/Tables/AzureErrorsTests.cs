using System.Net.Sockets;
using Azure;
using Azure.Identity;
using VerzuimBot.Tables;
using VerzuimBot.Tables.AzureTables;

namespace VerzuimBot.Storage.Tests.Tables;

/// <summary>What the SDK throws, as our typed errors: the host answers each of these without a 5xx.</summary>
public sealed class AzureErrorsTests
{
    public static TheoryData<Exception, Type> Cases() => new()
    {
        { new RequestFailedException(409, "exists", "EntityAlreadyExists", null), typeof(EntityAlreadyExistsException) },
        { new RequestFailedException(412, "changed", "UpdateConditionNotSatisfied", null), typeof(PreconditionFailedException) },
        { new RequestFailedException(404, "missing", "ResourceNotFound", null), typeof(EntityNotFoundException) },
        { new RequestFailedException(413, "too big", "RequestBodyTooLarge", null), typeof(TableLimitExceededException) },
        { new RequestFailedException(0, "Connection refused (127.0.0.1:1)", new HttpRequestException("refused")), typeof(StoreUnavailableException) },
        { new RequestFailedException(503, "busy", "ServerBusy", null), typeof(StoreUnavailableException) },
        { new RequestFailedException(500, "internal", "InternalError", null), typeof(StoreUnavailableException) },
        { new RequestFailedException(429, "throttled"), typeof(StoreUnavailableException) },
        { new AggregateException(new RequestFailedException(0, "reset"), new TaskCanceledException("timeout")), typeof(StoreUnavailableException) },
        { new HttpRequestException("no route"), typeof(StoreUnavailableException) },
        { new SocketException((int)SocketError.ConnectionRefused), typeof(StoreUnavailableException) },
        { new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout"), typeof(StoreUnavailableException) },
        { new CredentialUnavailableException("no managed identity endpoint"), typeof(StoreUnavailableException) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Map_SdkException_GivesTheTypedError(Exception thrown, Type expected)
    {
        var mapped = AzureErrors.Map(thrown, "add");

        Assert.IsType(expected, mapped);
        Assert.Same(thrown, mapped!.InnerException ?? thrown);
    }

    [Fact]
    public void Map_AnotherRefusal_KeepsItsStatusAndCode()
    {
        var mapped = AzureErrors.Map(new RequestFailedException(403, "denied", "AuthorizationFailure", null), "add");

        Assert.Equal(403, mapped!.Status);
        Assert.Equal("AuthorizationFailure", mapped.ErrorCode);
    }

    [Fact]
    public void Map_AggregateWithAnArgumentError_IsNotCalledUnavailable() =>
        Assert.IsNotType<StoreUnavailableException>(AzureErrors.Map(new AggregateException(new RequestFailedException(0, "reset"), new ArgumentException("bad")), "add"));

    [Fact]
    public void Map_OurOwnValidationError_PassesThrough() =>
        Assert.Null(AzureErrors.Map(new ArgumentException("not a valid property name"), "add"));
}
