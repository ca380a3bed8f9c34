using OgpCoCreate.Journal;

namespace OgpCoCreate.Journal;

public static class PersistentStateExtensions
{
    /// <summary>
    /// Writes the state (and the events it recorded, in the same transaction). If the write fails the
    /// in-memory state is reloaded from storage, so a refused or failed command leaves no trace anywhere.
    /// </summary>
    public static async Task CommitAsync<T>(this IPersistentState<T> state)
        where T : JournaledState
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.ClearPendingEvents();
            await state.ReadStateAsync();
            throw;
        }
    }
}
