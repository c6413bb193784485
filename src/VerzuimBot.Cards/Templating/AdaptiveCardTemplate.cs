using System.Text.Json.Nodes;
using VerzuimBot.Cards.Templating;

namespace VerzuimBot.Cards;

/// <summary>
/// Binds data to an Adaptive Card template with the semantics of the official adaptivecards-templating 2.3.1
/// (with adaptive-expressions 4.23), for the subset of the Adaptive Cards Templating language our cards use.
/// The cards/ tests expand every template with this binder and with the official library and demand equal output.
/// </summary>
/// <remarks>
/// <para><b>Supported</b></para>
/// <list type="bullet">
/// <item><c>${expr}</c> inside any string value; several bindings and text may be mixed ("Ziekmelding van ${naam}").
/// When a value is exactly one <c>${expr}</c> the result keeps its JSON type (number, boolean, list, object);
/// a lone literal such as <c>${true}</c> gives text, as in the official library. Object keys are never bound.</item>
/// <item>Paths: <c>naam</c>, <c>leerling.klas</c>, <c>items[0]</c>, <c>items[i].titel</c>, <c>obj['key']</c>; names
/// match case-insensitively. <c>$root</c> (the whole data), <c>$data</c> (the current scope) and <c>$index</c>
/// (position inside a <c>$data</c> list) are available.</item>
/// <item><c>"$data": "${list}"</c> on an object repeats it for every list item (an empty list removes it); in a
/// list the repetitions are spliced in. <c>"$data": "${object}"</c> rebinds the scope.</item>
/// <item><c>"$when": "${condition}"</c> keeps the object only when the condition is exactly <c>true</c>
/// (evaluated after <c>$data</c>; errors and non-booleans drop it).</item>
/// <item>Logic follows adaptive-expressions exactly: <c>a || b</c> is true or else the value of <c>b</c> (so it may be null).</item>
/// <item>Operators <c>== != &lt; &lt;= &gt; &gt;= &amp;&amp; || ! + -</c> (with adaptive-expressions precedence, where
/// equality binds tighter than <c>&lt;</c>/<c>&gt;</c>: use parentheses), literals (decimal numbers, <c>'text'</c>,
/// <c>"text"</c>, <c>true</c>, <c>false</c>, <c>null</c>), and the functions <c>count()</c>, <c>empty()</c>,
/// <c>if(c, a, b)</c>, <c>not()</c>, <c>and()</c>, <c>or()</c>.</item>
/// <item>Escapes in template strings: <c>\$</c> gives <c>$</c>, <c>\`</c> gives a backtick.</item>
/// </list>
/// <para><b>Not supported</b> (throws <see cref="CardTemplateException"/> with <see cref="CardTemplateError.UnsupportedSyntax"/>):
/// other functions (<c>formatDateTime</c>: pass preformatted Dutch dates instead), <c>* / % ^ &amp; ?: ??</c>, lambdas,
/// object/array literals, <c>$host</c>, a <c>$data</c>/<c>$when</c> that is not exactly one <c>${expr}</c>,
/// an unescaped backtick in a string containing <c>${</c>.</para>
/// <para><b>Missing fields</b>: with <see cref="MissingFieldHandling.KeepLiteral"/> a path that names nothing becomes the
/// text <c>${path}</c>, as the official library does; with <see cref="MissingFieldHandling.Throw"/> it throws
/// <see cref="CardTemplateError.MissingField"/> (also inside <c>$when</c>): give optional fields an explicit null.
/// Evaluation errors inside text (null in text, '+' on a list, an index out of range) always throw, where the official
/// library would leave <c>${expr}</c> in the card.</para>
/// </remarks>
public static class AdaptiveCardTemplate
{
    /// <summary>Expands <paramref name="template"/> with <paramref name="data"/> as <c>$root</c>, leaving unresolved bindings literal like the official library.</summary>
    /// <returns>The expanded JSON, detached from the inputs; null when the root was dropped by <c>$when</c>.</returns>
    public static JsonNode Expand(JsonNode template, JsonNode? data) =>
        Expand(template, data, MissingFieldHandling.KeepLiteral)
        ?? throw new CardTemplateException(CardTemplateError.NotACard, "The template's root was dropped by its $when.");

    /// <summary>Expands <paramref name="template"/> with <paramref name="data"/> as <c>$root</c>.</summary>
    /// <returns>The expanded JSON, detached from the inputs; null when the root was dropped by <c>$when</c>.</returns>
    public static JsonNode? Expand(JsonNode template, JsonNode? data, MissingFieldHandling missingFields)
    {
        ArgumentNullException.ThrowIfNull(template);
        return PreparedTemplate.Prepare(template).Expand(data, missingFields);
    }
}
