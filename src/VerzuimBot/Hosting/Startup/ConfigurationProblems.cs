namespace VerzuimBot.Hosting.Startup;

/// <summary>An exception's message as one line of the start-up message: no parameter name, no trailing full stop.</summary>
internal static class ConfigurationProblems
{
    public static string Sentence(Exception exception)
    {
        var message = exception is ArgumentException { ParamName: { } parameter }
            ? exception.Message.Replace($" (Parameter '{parameter}')", string.Empty, StringComparison.Ordinal)
            : exception.Message;
        return message.Trim().TrimEnd('.');
    }
}
