namespace VerzuimBot.Cards;

/// <summary>What a binding to a field that is absent from the data produces.</summary>
public enum MissingFieldHandling
{
    /// <summary>Throw <see cref="CardTemplateException"/> with <see cref="CardTemplateError.MissingField"/>. Used in production, so a broken card is never sent.</summary>
    Throw,

    /// <summary>Leave <c>${path}</c> in the output, exactly like the official adaptivecards-templating library (used to compare against it).</summary>
    KeepLiteral,
}
