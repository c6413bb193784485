using VerzuimBot.Connector.Schema;
using VerzuimBot.Domain.Dossier;
using VerzuimBot.Domain.Rules;
using VerzuimBot.Protocol.Students;

namespace VerzuimBot.Tasks;

/// <summary>The cards of one route's task kinds (the unauthorised and thuiszitter routes add theirs here).</summary>
internal interface ITaskCardProvider
{
    bool Handles(TaskKind kind);

    JsonNodeCard For(DueTask task, StudentRecord student, DossierView dossier, SchoolProtocol protocol, DateTimeOffset now);
}
