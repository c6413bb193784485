namespace VerzuimBot.Storage.Tests.Infrastructure;

/// <summary>A clock moved by hand.</summary>
internal sealed class ManualTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
