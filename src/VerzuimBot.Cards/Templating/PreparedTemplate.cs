using System.Text.Json.Nodes;
using VerzuimBot.Cards.Templating.Expressions;

namespace VerzuimBot.Cards.Templating;

/// <summary>
/// A template parsed once: every string with <c>${</c> is turned into an <see cref="InterpolatedString"/>, so
/// syntax errors surface when a template is loaded and repeated expansions do not re-parse. Immutable, thread-safe.
/// </summary>
internal sealed class PreparedTemplate
{
    // The templating library strips these keys from the output.
    private static readonly HashSet<string> ReservedKeys = ["$data", "$when", "$root", "$index", "$host", "$_acTemplateVersion"];

    private readonly Node _root;

    private PreparedTemplate(Node root) => _root = root;

    public static PreparedTemplate Prepare(JsonNode? template) => new(PrepareNode(template));

    /// <summary>
    /// Expands against <paramref name="data"/> (bound as <c>$root</c>); the result is detached from both. With
    /// <paramref name="escapeMarkdown"/> every value bound into a TextBlock's text or a fact's title or value goes through
    /// <see cref="TeamsText.Escape"/>: data is plain text, and only there does Teams read markdown.
    /// </summary>
    public JsonNode? Expand(JsonNode? data, MissingFieldHandling missingFields, bool escapeMarkdown = false)
    {
        var root = TemplateValues.FromNode(data);
        var scope = new EvaluationScope(root, root, Undefined.Value, missingFields == MissingFieldHandling.Throw, escapeMarkdown);
        var result = _root.Expand(scope);
        return result is Undefined ? null : (JsonNode?)result;
    }

    // markdown: the string is shown as markdown (a TextBlock's text, a fact's title or value); facts: the node is a FactSet's list.
    private static Node PrepareNode(JsonNode? node, bool markdown = false, bool facts = false) => node switch
    {
        JsonArray array => new ArrayNode(array.Select(item => PrepareNode(item, facts: facts)).ToList()),
        JsonObject obj => PrepareObject(obj, facts),
        JsonValue value when TemplateValues.FromNode(value) is string text && InterpolatedString.TryParse(text) is { } interpolated
            => new StringNode(interpolated, markdown),
        _ => new LiteralNode(node?.DeepClone()),
    };

    private static ObjectNode PrepareObject(JsonObject obj, bool isFact)
    {
        Expression? data = null, when = null;
        var hasData = obj.TryGetPropertyValue("$data", out var dataNode);
        if (hasData) data = SingleExpressionOf(dataNode, "$data");
        if (obj.TryGetPropertyValue("$when", out var whenNode)) when = SingleExpressionOf(whenNode, "$when");
        var isTextBlock = obj["type"] is JsonValue type && TemplateValues.FromNode(type) is "TextBlock";
        var properties = obj.Where(p => !ReservedKeys.Contains(p.Key))
            .Select(p => (p.Key, PrepareNode(p.Value, markdown: (isTextBlock && p.Key == "text") || (isFact && p.Key is "title" or "value"), facts: p.Key == "facts")))
            .ToList();
        return new ObjectNode(properties, data, when);
    }

    // The official library has odd rules for non-expression $data/$when (a literal "true" in $when drops the element);
    // we only accept the one clear form.
    private static Expression SingleExpressionOf(JsonNode? node, string key)
    {
        var text = node is JsonValue v && TemplateValues.FromNode(v) is string s ? s : null;
        var parsed = text is null ? null : InterpolatedString.TryParse(text);
        return parsed?.SingleExpression ?? throw new CardTemplateException(CardTemplateError.UnsupportedSyntax,
            $"{key} must be exactly one binding such as \"${{items}}\" (found {node?.ToJsonString() ?? "null"}).");
    }

    private abstract class Node
    {
        /// <summary>Returns <see cref="Undefined"/>, null (JSON null) or a detached <see cref="JsonNode"/>.</summary>
        public abstract object? Expand(EvaluationScope scope);
    }

    private sealed class LiteralNode(JsonNode? value) : Node
    {
        public override object? Expand(EvaluationScope scope) => value?.DeepClone();
    }

    private sealed class StringNode(InterpolatedString text, bool markdown) : Node
    {
        public override object? Expand(EvaluationScope scope)
        {
            var escape = markdown && scope.EscapeMarkdown;
            if (text.SingleExpression is { } single)
            {
                var value = Evaluate(single, scope, substitute: true);
                return value is Undefined ? value : TemplateValues.ToNode(escape && value is string shown ? TeamsText.Escape(shown) : value);
            }
            var result = new System.Text.StringBuilder();
            foreach (var part in text.Parts)
            {
                if (part is string literal) { result.Append(literal); continue; }
                var expression = (Expression)part;
                var value = Evaluate(expression, scope, substitute: true);
                if (TemplateValues.IsNullish(value))
                    throw Failed(expression, "its value is null, and null cannot be put inside text");
                if (scope.StrictMissingFields && value is JsonArray or JsonObject)
                    throw Failed(expression, "its value is a list or object, which cannot be put inside text");
                result.Append(escape ? TeamsText.Escape(TemplateValues.ToJsString(value)) : TemplateValues.ToJsString(value));
            }
            return JsonValue.Create(result.ToString());
        }

        private static object? Evaluate(Expression expression, EvaluationScope scope, bool substitute)
        {
            try
            {
                return ExpressionEvaluator.Evaluate(expression, scope, substitute);
            }
            catch (ExpressionEvaluationException e)
            {
                // The official library leaves "${expr}" literally in text on such errors; we never send that.
                throw Failed(expression, e.Message);
            }
        }

        private static CardTemplateException Failed(Expression expression, string why) =>
            new(CardTemplateError.EvaluationFailed, $"Binding '${{{expression.Source}}}' cannot be evaluated: {why}");
    }

    private sealed class ArrayNode(IReadOnlyList<Node> items) : Node
    {
        public override object? Expand(EvaluationScope scope)
        {
            var result = new JsonArray();
            foreach (var item in items)
            {
                switch (item.Expand(scope))
                {
                    case null: break; // dropped by $when, or an empty $data list
                    case Undefined: result.Add(null); break;
                    case JsonArray repeated:
                        // Repetitions (and any nested list) are spliced into the parent list, as the official library does.
                        foreach (var element in repeated.ToList()) { repeated.Remove(element); result.Add(element); }
                        break;
                    case JsonNode node: result.Add(node); break;
                }
            }
            return result;
        }
    }

    private sealed class ObjectNode(IReadOnlyList<(string Key, Node Value)> properties, Expression? data, Expression? when) : Node
    {
        public override object? Expand(EvaluationScope scope)
        {
            IReadOnlyList<object?> contexts = [Undefined.Value];
            var isList = false;
            if (data is not null)
            {
                var value = EvaluateData(data, scope);
                if (value is JsonArray list) { contexts = list.Select(TemplateValues.FromNode).ToList(); isList = true; }
                else contexts = [value];
            }

            var results = new List<JsonObject>();
            for (var i = 0; i < contexts.Count; i++)
            {
                var itemScope = scope;
                if (isList) itemScope = itemScope with { Index = (double)i };
                if (contexts[i] is not Undefined) itemScope = itemScope with { Data = contexts[i] };
                if (when is not null && !IsTrue(when, itemScope)) continue;

                var obj = new JsonObject();
                foreach (var (key, node) in properties)
                {
                    var value = node.Expand(itemScope);
                    if (value is not Undefined) obj[key] = (JsonNode?)value;
                }
                results.Add(obj);
            }

            return results.Count switch
            {
                0 => null,
                1 => results[0],
                _ => new JsonArray(results.ToArray<JsonNode?>()),
            };
        }

        private static object? EvaluateData(Expression expression, EvaluationScope scope)
        {
            try
            {
                return ExpressionEvaluator.Evaluate(expression, scope, substitute: true);
            }
            catch (ExpressionEvaluationException e)
            {
                throw new CardTemplateException(CardTemplateError.EvaluationFailed, $"$data '${{{expression.Source}}}' cannot be evaluated: {e.Message}");
            }
        }

        // $when is evaluated without substitution; an error or a non-boolean means false (the element is dropped).
        private static bool IsTrue(Expression expression, EvaluationScope scope)
        {
            try
            {
                return ExpressionEvaluator.Evaluate(expression, scope, substitute: false) is true;
            }
            catch (ExpressionEvaluationException)
            {
                return false;
            }
        }
    }
}
