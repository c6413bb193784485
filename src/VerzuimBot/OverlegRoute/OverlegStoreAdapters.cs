using VerzuimBot.Access.Retention;
using VerzuimBot.Conversation;
using VerzuimBot.Storage;

namespace VerzuimBot.OverlegRoute;

/// <summary>Erasure and retention: a student's overleg rows go with the dossier.</summary>
internal sealed class OverlegDataHolder(OverlegStore store) : IStudentDataHolder
{
    public Task<int> DeleteStudentAsync(string schoolId, string studentId, CancellationToken cancellationToken) =>
        store.DeleteStudentAsync(schoolId, studentId, cancellationToken);

    public Task<int> RenameStudentsAsync(string schoolId, IReadOnlyDictionary<string, string> newIdByOldId, CancellationToken cancellationToken) =>
        store.RenameStudentsAsync(schoolId, newIdByOldId, cancellationToken);
}

/// <summary>The names Teams gives group chats, kept where "overleg hier &lt;naam&gt;" keeps its names.</summary>
internal sealed class OverlegChatNames(OverlegStore store) : IGroupChatNames
{
    public Task RememberAsync(string tenantId, string conversationId, string name, CancellationToken cancellationToken) =>
        store.RememberAsync(tenantId, conversationId, name, cancellationToken);
}
