using System.Buffers.Text;
using System.Text;
using VerzuimBot.Storage.Keys;
using VerzuimBot.Tables;

namespace VerzuimBot.Storage.Tests.Stores;

/// <summary>
/// The stores that moved from the host into Storage (overleggen, group chats, staff absences), on both backends; and the
/// one-time move of rows the host wrote with its own key encodings (Base64Url, Uri escaping) to KeyEncoder's keys.
/// </summary>
public abstract partial class StoreContract
{
    private static readonly OverlegRecord Overleg = new(
        "12AB00", "stu/1", "ov#1", "kernpartneroverleg", ["leerplicht", "jgz"], "tenant-1", "19:chat@thread.v2", "https://smba.example/", "28:bot", null, "ev-1", Monday);

    [Fact]
    public async Task Overleggen_SaveFindListDelete_PerStudent()
    {
        var store = new OverlegStore(_tables, TimeProvider.System);
        var second = Overleg with { OverlegId = "ov|2", DecidedAt = Monday.AddDays(1), SummaryActivityId = "act-9" };
        await store.SaveAsync(second, CancellationToken.None);
        await store.SaveAsync(Overleg, CancellationToken.None);
        await store.SaveAsync(Overleg with { StudentId = "stu/10", OverlegId = "ov-x" }, CancellationToken.None);

        Assert.Equal(second, await store.FindAsync("12AB00", "stu/1", "ov|2", CancellationToken.None), OverlegComparer);
        Assert.Equal(["ov#1", "ov|2"], (await store.ListAsync("12AB00", "stu/1", CancellationToken.None)).Select(o => o.OverlegId));

        Assert.Equal(2, await store.DeleteStudentAsync("12AB00", "stu/1", CancellationToken.None));
        Assert.Empty(await store.ListAsync("12AB00", "stu/1", CancellationToken.None));
        Assert.Single(await store.ListAsync("12AB00", "stu/10", CancellationToken.None));
    }

    [Fact]
    public async Task Overleggen_RowsWithTheEarlierBase64UrlKeys_AreMovedOnceAndStayReadable()
    {
        var raw = _tables.GetTable(TableNames.Overleggen);
        await raw.CreateIfNotExistsAsync();
        await raw.AddAsync(OldOverlegRow(Overleg));
        await raw.AddAsync(OldOverlegRow(Overleg with { OverlegId = "ov-2", DecidedAt = Monday.AddDays(1) }));
        await raw.AddAsync(new TableEntity("chat|" + B64("tenant-1"), B64("19:chat@thread.v2")) { ["ConversationId"] = "19:chat@thread.v2", ["Name"] = "Kernpartneroverleg", ["UpdatedAt"] = Monday });
        // Written under both keys (a crash between copy and delete, or a newer save): the row at the new key wins.
        var newer = Overleg with { OverlegId = "ov-3", SummaryActivityId = "newer" };
        await raw.AddAsync(OldOverlegRow(newer with { SummaryActivityId = "older" }));
        await new OverlegStore(_tables, TimeProvider.System).SaveAsync(newer, CancellationToken.None);

        var store = new OverlegStore(_tables, TimeProvider.System);
        Assert.Equal(["ov#1", "ov-2", "ov-3"], (await store.ListAsync("12AB00", "stu/1", CancellationToken.None)).Select(o => o.OverlegId).Order(StringComparer.Ordinal));
        Assert.Equal(Overleg, await store.FindAsync("12AB00", "stu/1", "ov#1", CancellationToken.None), OverlegComparer);
        Assert.Equal("newer", (await store.FindAsync("12AB00", "stu/1", "ov-3", CancellationToken.None))!.SummaryActivityId);
        Assert.Equal("Kernpartneroverleg", (await store.ChatNamesAsync("tenant-1", CancellationToken.None))["19:chat@thread.v2"]);

        var rows = await raw.QueryAsync(new TableQuery()).ToListAsync(CancellationToken.None);
        Assert.DoesNotContain(rows, r => r.PartitionKey == B64("12AB00") || r.PartitionKey == "chat|" + B64("tenant-1"));
        Assert.Equal(5, rows.Count); // 3 overleggen, 1 chat name, the marker

        // Once done, a later instance does not move anything again: an old-style row written now stays where it is.
        await raw.AddAsync(OldOverlegRow(Overleg with { OverlegId = "ov-late" }));
        Assert.Equal(3, (await new OverlegStore(_tables, TimeProvider.System).ListAsync("12AB00", "stu/1", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task GroupChats_AreTheTenantsGroupChatReferences_WithTheirNames()
    {
        var references = new ConversationReferenceStore(_tables);
        var overleggen = new OverlegStore(_tables, TimeProvider.System);
        var chat = new ConversationReferenceRecord("tenant|1", "19:abcdef123456@thread.v2", ConversationOwnerKind.Conversation, "19:abcdef123456@thread.v2", "https://smba.example/", "msteams", "28:bot", "groupChat", Monday);
        await references.SaveAsync(chat);
        await references.SaveAsync(chat with { OwnerKey = "19:named@thread.v2", ConversationId = "19:named@thread.v2" });
        await references.SaveAsync(chat with { OwnerKey = "19:channel@thread.tacv2", ConversationId = "19:channel@thread.tacv2", ConversationType = "channel" });
        await references.SaveAsync(chat with { TenantId = "tenant-2", OwnerKey = "19:other@thread.v2", ConversationId = "19:other@thread.v2" });
        await overleggen.SaveChatNameAsync("tenant|1", "19:named@thread.v2", "Kernpartneroverleg", Monday, CancellationToken.None);
        await overleggen.RememberAsync("tenant|1", "19:named@thread.v2", "Teams' own name", CancellationToken.None);

        var directory = new GroupChatDirectory(references, overleggen);
        var chats = await directory.ListAsync("tenant|1", CancellationToken.None);

        Assert.Equal(["Groepschat …123456", "Kernpartneroverleg"], chats.Select(c => c.Name));
        Assert.Equal("Kernpartneroverleg", (await directory.FindAsync("tenant|1", "19:named@thread.v2", CancellationToken.None))!.Name);
        Assert.Null(await directory.FindAsync("tenant|1", "19:channel@thread.tacv2", CancellationToken.None));
        Assert.Null(await directory.FindAsync("tenant|1", "19:other@thread.v2", CancellationToken.None));
    }

    [Fact]
    public async Task StaffAbsences_SaveFindRemove_AndRowsWithTheEarlierUriEscapedKeysStayReadable()
    {
        var raw = _tables.GetTable(TableNames.StaffAbsences);
        await raw.CreateIfNotExistsAsync();
        await raw.AddAsync(new TableEntity(Uri.EscapeDataString("tenant-1"), Uri.EscapeDataString("29:teams/user")) { ["Until"] = "2026-12-18", ["Replacement"] = "vera@school.example.nl", ["Reason"] = "Verlof", ["UpdatedAt"] = Monday });

        var store = new StaffAbsenceStore(_tables, TimeProvider.System);
        Assert.Equal(new StaffAbsence("tenant-1", "29:teams/user", new DateOnly(2026, 12, 18), "vera@school.example.nl", "Verlof", Monday), await store.FindAsync("tenant-1", "29:teams/user", CancellationToken.None));
        Assert.DoesNotContain(await raw.QueryAsync(new TableQuery()).ToListAsync(CancellationToken.None), r => r.RowKey.Contains('%', StringComparison.Ordinal));

        var absence = new StaffAbsence("tenant-1", "aad-max", new DateOnly(2026, 10, 23), "zora@school.example.nl", "Ziek", Monday);
        await store.SaveAsync(absence, CancellationToken.None);
        Assert.Equal(absence, await store.FindAsync("tenant-1", "aad-max", CancellationToken.None));
        Assert.Null(await store.FindAsync("tenant-2", "aad-max", CancellationToken.None));
        await store.RemoveAsync("tenant-1", "aad-max", CancellationToken.None);
        Assert.Null(await store.FindAsync("tenant-1", "aad-max", CancellationToken.None));
    }

    private static readonly IEqualityComparer<OverlegRecord?> OverlegComparer = EqualityComparer<OverlegRecord?>.Create(
        (a, b) => a is not null && b is not null && a with { Partners = [] } == b with { Partners = [] } && a.Partners.SequenceEqual(b.Partners));

    private static string B64(string id) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(id));

    /// <summary>An overleg row as the host's OverlegStore wrote it before it moved here.</summary>
    private static TableEntity OldOverlegRow(OverlegRecord record) => new(B64(record.SchoolId), $"O|{B64(record.StudentId)}|{B64(record.OverlegId)}")
    {
        ["SchoolId"] = record.SchoolId,
        ["StudentId"] = record.StudentId,
        ["OverlegId"] = record.OverlegId,
        ["Soort"] = record.Soort,
        ["Partners"] = string.Join(',', record.Partners),
        ["TenantId"] = record.TenantId,
        ["ConversationId"] = record.ConversationId,
        ["ServiceUrl"] = record.ServiceUrl,
        ["BotId"] = record.BotId,
        ["SummaryActivityId"] = record.SummaryActivityId,
        ["DecisionEventId"] = record.DecisionEventId,
        ["DecidedAt"] = record.DecidedAt,
    };
}
