namespace VerzuimBot.Cards;

/// <summary>Why a card template could not be expanded.</summary>
public enum CardTemplateError
{
    /// <summary>The template names a data field that the data does not contain (strict binding only).</summary>
    MissingField,
    /// <summary>The template uses templating syntax outside the supported subset (see <see cref="AdaptiveCardTemplate"/>).</summary>
    UnsupportedSyntax,
    /// <summary>An expression could not be evaluated (wrong operand types, null inside text, index out of range, ...).</summary>
    EvaluationFailed,
    /// <summary>No template with the requested name exists, or its file is not a JSON object.</summary>
    UnknownTemplate,
    /// <summary>The template expanded to nothing (its root was dropped by <c>$when</c>) or to something that is not a card object.</summary>
    NotACard,
}

/// <summary>
/// A card template could not be expanded. The message names the template, the field path or the
/// expression text, never a data value (data can hold children's names or medical details).
/// </summary>
public sealed class CardTemplateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CardTemplateException(CardTemplateError error, string message) : base(message) => Error = error;

    /// <summary>Creates the exception with an inner exception.</summary>
    public CardTemplateException(CardTemplateError error, string message, Exception inner) : base(message, inner) => Error = error;

    /// <summary>The kind of failure.</summary>
    public CardTemplateError Error { get; }
}
