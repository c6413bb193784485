namespace VerzuimBot.Protocol.Tasks;

/// <summary>Wakes the reminder scheduler early: after a ziekmelding the mentor is told at once, not at the next tick.</summary>
internal sealed class SweepTrigger
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Now()
    {
        // At most one pending wake-up: a sweep picks up everything due anyway.
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
