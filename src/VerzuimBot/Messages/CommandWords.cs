namespace VerzuimBot.Messages;

/// <summary>How a command is read: its leading word(s), then the rest as typed (names keep their capitals).</summary>
internal static class CommandWords
{
    /// <summary>The first of <paramref name="prefixes"/> the lower-case command is, or starts with followed by a space; null when none.</summary>
    public static string? Match(string command, params string[] prefixes) =>
        prefixes.FirstOrDefault(p => command == p || command.StartsWith(p + " ", StringComparison.Ordinal));

    /// <summary>The text after the prefix's words, as typed, with single spaces.</summary>
    public static string Rest(string original, string prefix) =>
        string.Join(' ', original.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(prefix.Split(' ').Length));
}
