namespace VerzuimBot.Tables.Validation;

/// <summary>
/// What the Azure service does to values, applied by both backends so a value reads back the same
/// everywhere: Edm.DateTime is stored in UTC with 100 ns ticks, so a DateTimeOffset comes back with
/// offset +00:00 (same instant, the original offset is not kept); byte[] is copied.
/// </summary>
internal static class StoredValue
{
    public static object Normalize(object value) => value switch
    {
        DateTimeOffset d => d.ToUniversalTime(),
        byte[] b => b.ToArray(),
        _ => value,
    };
}
