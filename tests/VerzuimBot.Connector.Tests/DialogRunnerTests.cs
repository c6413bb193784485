using VerzuimBot.Connector.Dialogs;
using VerzuimBot.Connector.Schema;

namespace VerzuimBot.Connector.Tests;

// The one dialog mechanism (issue 17 item 3): every multi-turn conversation runs through DialogRunner, which loads the
// state once per turn, ends any dialog on "stop", and saves only what the dialog decided, ETag-checked.
public class DialogRunnerTests
{
    private static readonly DialogUser User = new("tenant-1", "aad-1");

    [Fact]
    public async Task FormDialog_AsksInOrder_AsksAgainOnABadAnswer_AndCompletesOnce()
    {
        var store = new MemoryDialogStates();
        var form = new TwoQuestions();
        var runner = new DialogRunner(store, [form]);

        Assert.Equal("Naam? (Typ stop om te stoppen.)", await runner.BeginAsync("k", form.Begin()));
        var bad = await runner.ContinueAsync("k", Turn(""));
        Assert.Equal((DialogTurnStatus.Waiting, "Leeg. Naam?"), (bad.Status, bad.Reply));
        Assert.Equal(1, store.Saves);

        Assert.Equal("Kleur?", (await runner.ContinueAsync("k", Turn("Daan"))).Reply);
        var done = await runner.ContinueAsync("k", Turn("groen"));
        Assert.Equal((DialogTurnStatus.Complete, "Daan: groen"), (done.Status, done.Reply));
        Assert.Null(await store.LoadAsync("k"));
        Assert.Equal(DialogTurnStatus.NotActive, (await runner.ContinueAsync("k", Turn("groen"))).Status);
    }

    [Theory]
    [InlineData("stop")]
    [InlineData(" Annuleren ")]
    [InlineData("laat maar")]
    public async Task Stop_EndsAnyDialog_WithoutAskingIt(string stop)
    {
        var store = new MemoryDialogStates();
        var ending = new EndingDialog();
        var runner = new DialogRunner(store, [ending]);
        await runner.BeginAsync("k", DialogStep.Ask("?", new DialogState(EndingDialog.DialogId, 0, new Dictionary<string, string>())));

        var turn = await runner.ContinueAsync("k", Turn(stop));

        Assert.Equal((DialogTurnStatus.Cancelled, DialogRunner.Cancelled), (turn.Status, turn.Reply));
        Assert.Null(await store.LoadAsync("k"));
        Assert.Null(ending.StateWhenActing);
    }

    [Fact] // A dialog that must be over before it acts (the ziekmelding's "ja") finds its state gone when it acts.
    public async Task EndThen_DeletesTheStateBeforeActing()
    {
        var store = new MemoryDialogStates();
        var ending = new EndingDialog { Store = store };
        var runner = new DialogRunner(store, [ending]);
        await runner.BeginAsync("k", DialogStep.Ask("?", new DialogState(EndingDialog.DialogId, 0, new Dictionary<string, string>())));

        var turn = await runner.ContinueAsync("k", Turn("ja"));

        Assert.Equal((DialogTurnStatus.Complete, "opgeslagen"), (turn.Status, turn.Reply));
        Assert.Equal("gone", ending.StateWhenActing);
    }

    [Fact] // Two messages at once: the second save finds another ETag and the turn answers "busy".
    public async Task ConcurrentTurn_IsBusy()
    {
        var store = new MemoryDialogStates();
        var form = new TwoQuestions();
        var runner = new DialogRunner(store, [form]);
        await runner.BeginAsync("k", form.Begin());
        store.AnotherTurnSavesRightAfterTheNextLoad = true;

        await Assert.ThrowsAsync<DialogBusyException>(() => runner.ContinueAsync("k", Turn("Daan")));
    }

    private static DialogTurn Turn(string text) => new(text, User, Activity.Message(text));

    private sealed class TwoQuestions : FormDialog
    {
        public override string Id => "twee";

        public override IReadOnlyList<Question> Questions =>
        [
            new("naam", "Naam?", t => t.Length == 0 ? QuestionAnswer.Reject("Leeg.") : QuestionAnswer.Accept(t)),
            new("kleur", "Kleur?", QuestionAnswer.Accept),
        ];

        public override Task<string> CompleteAsync(DialogUser user, IReadOnlyDictionary<string, string> answers, CancellationToken cancellationToken) =>
            Task.FromResult($"{answers["naam"]}: {answers["kleur"]}");
    }

    private sealed class EndingDialog : IDialog
    {
        public const string DialogId = "einde";

        public MemoryDialogStates? Store { get; init; }

        public string? StateWhenActing { get; private set; }

        public string Id => DialogId;

        public Task<DialogStep> ContinueAsync(DialogTurn turn, DialogState state, CancellationToken cancellationToken) =>
            Task.FromResult(DialogStep.EndThen(async ct =>
            {
                StateWhenActing = await Store!.LoadAsync("k", ct) is null ? "gone" : "still there";
                return "opgeslagen";
            }));
    }

    private sealed class MemoryDialogStates : IDialogStateStore
    {
        private readonly Dictionary<string, (DialogState State, string ETag)> _states = [];
        private int _version;

        public int Saves { get; private set; }

        public bool AnotherTurnSavesRightAfterTheNextLoad { get; set; }

        public Task<(DialogState State, string ETag)?> LoadAsync(string conversationKey, CancellationToken cancellationToken = default)
        {
            var loaded = _states.TryGetValue(conversationKey, out var found) ? found : ((DialogState, string)?)null;
            if (AnotherTurnSavesRightAfterTheNextLoad && loaded is (DialogState otherState, _))
            {
                AnotherTurnSavesRightAfterTheNextLoad = false;
                _states[conversationKey] = (otherState, "e" + ++_version);
            }

            return Task.FromResult(loaded);
        }

        public Task SaveAsync(string conversationKey, DialogState state, string? expectedETag, CancellationToken cancellationToken = default)
        {
            var current = _states.TryGetValue(conversationKey, out var found) ? found.ETag : null;
            if (expectedETag != "*" && current != expectedETag)
            {
                throw new DialogStateConflictException();
            }

            Saves++;
            _states[conversationKey] = (state, "e" + ++_version);
            return Task.CompletedTask;
        }

        public Task DeleteAsync(string conversationKey, string? expectedETag = null, CancellationToken cancellationToken = default)
        {
            if (expectedETag is not null && (!_states.TryGetValue(conversationKey, out var found) || found.ETag != expectedETag))
            {
                throw new DialogStateConflictException();
            }

            _states.Remove(conversationKey);
            return Task.CompletedTask;
        }
    }
}
