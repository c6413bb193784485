using System.Collections.Concurrent;

namespace VerzuimBot.Storage.Caching;

/// <summary>
/// What this process last read or wrote of a few rows that almost never change (a conversation reference, the link of a
/// Teams user to their e-mail address), for at most <paramref name="lifetime"/>, so a turn need not read them again.
/// Bounded: past <paramref name="capacity"/> entries it starts afresh. Thread-safe.
/// </summary>
internal sealed class RecentCache<TKey, TValue>(TimeProvider time, TimeSpan lifetime, int capacity = 10_000)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, (TValue Value, long Until)> _entries = new();

    public bool TryGet(TKey key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Until > time.GetTimestamp())
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value)
    {
        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }

        _entries[key] = (value, time.GetTimestamp() + (long)(lifetime.TotalSeconds * time.TimestampFrequency));
    }

    public void Remove(TKey key) => _entries.TryRemove(key, out _);
}
