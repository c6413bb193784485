using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace VerzuimBot.Cards.Templating.Expressions;

/// <summary>
/// An evaluation failure that adaptive-expressions reports as an "error" result. Some constructs
/// swallow it (comparisons, <c>&amp;&amp;</c>, <c>||</c>, <c>!</c>, the condition of <c>if</c>, <c>$when</c>), exactly as the official
/// library does; elsewhere it surfaces as <see cref="CardTemplateError.EvaluationFailed"/>.
/// </summary>
internal sealed class ExpressionEvaluationException(string message) : Exception(message);

/// <summary>
/// The scope an expression is evaluated in: <c>$root</c>, the current <c>$data</c> and <c>$index</c>; with <c>EscapeMarkdown</c>
/// values bound into text Teams renders as markdown go through <see cref="TeamsText"/>.
/// </summary>
internal sealed record EvaluationScope(object? Root, object? Data, object? Index, bool StrictMissingFields, bool EscapeMarkdown = false);

/// <summary>
/// Evaluates parsed expressions with adaptive-expressions 4.23 semantics. <c>substitute</c> mirrors
/// the templating library's nullSubstitution: a path that names nothing evaluates to the text <c>${path}</c>,
/// and it is switched off inside comparisons, logic and the condition of <c>if</c>, as in the official code.
/// In strict mode a path that names nothing throws <see cref="CardTemplateError.MissingField"/> instead.
/// </summary>
internal static class ExpressionEvaluator
{
    public static object? Evaluate(Expression expression, EvaluationScope scope, bool substitute) => expression switch
    {
        ConstantExpression c => c.Value,
        PathExpression p => EvaluatePath(p, scope, substitute),
        UnaryExpression u => EvaluateUnary(u, scope, substitute),
        BinaryExpression b => EvaluateBinary(b, scope, substitute),
        CallExpression call => EvaluateCall(call, scope, substitute),
        _ => throw new InvalidOperationException($"Unknown expression node {expression.GetType().Name}."),
    };

    private static object? EvaluateUnary(UnaryExpression unary, EvaluationScope scope, bool substitute)
    {
        if (unary.Operator == UnaryOperator.Not) return !TryLogic(unary.Operand, scope, errorMeans: false);
        // adaptive-expressions rewrites -x as 0 - x and +x as 0 + x.
        var zero = new ConstantExpression("0", 0d);
        var op = unary.Operator == UnaryOperator.Negate ? BinaryOperator.Subtract : BinaryOperator.Add;
        return EvaluateBinary(new BinaryExpression(unary.Source, op, zero, unary.Operand), scope, substitute);
    }

    private static object? EvaluateBinary(BinaryExpression binary, EvaluationScope scope, bool substitute)
    {
        switch (binary.Operator)
        {
            case BinaryOperator.And:
                return TryLogic(binary.Left, scope, errorMeans: false) && TryLogic(binary.Right, scope, errorMeans: false);
            case BinaryOperator.Or:
                return Or([binary.Left, binary.Right], scope);
            case BinaryOperator.Equal or BinaryOperator.NotEqual:
            {
                // Children errors make the comparison false (for both == and !=), as ComparisonEvaluator does.
                if (!TryOperands(binary, scope, out var left, out var right)) return false;
                var equal = TemplateValues.CommonEquals(left, right);
                return binary.Operator == BinaryOperator.Equal ? equal : !equal;
            }
            case BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual:
            {
                if (!TryOperands(binary, scope, out var left, out var right)) return false;
                if (TemplateValues.IsNullish(left) || TemplateValues.IsNullish(right)) return false; // verifyNotNull → swallowed
                int order;
                if (left is double ld && right is double rd) order = ld.CompareTo(rd);
                else if (left is string ls && right is string rs) order = string.CompareOrdinal(ls, rs);
                else throw new ExpressionEvaluationException($"'{binary.Source}': the operands must both be numbers or both be text.");
                return binary.Operator switch
                {
                    BinaryOperator.Less => order < 0,
                    BinaryOperator.LessOrEqual => order <= 0,
                    BinaryOperator.Greater => order > 0,
                    _ => order >= 0,
                };
            }
            case BinaryOperator.Add:
                return Add(binary, Evaluate(binary.Left, scope, substitute), Evaluate(binary.Right, scope, substitute));
            case BinaryOperator.Subtract:
            {
                var left = Evaluate(binary.Left, scope, substitute);
                var right = Evaluate(binary.Right, scope, substitute);
                if (left is double l && right is double r) return l - r;
                throw new ExpressionEvaluationException($"'{binary.Source}': '-' needs two numbers.");
            }
            default:
                throw new InvalidOperationException($"Unknown operator {binary.Operator}.");
        }
    }

    // adaptive-expressions' add: numbers add, otherwise text concatenation; null is an error, undefined is empty text.
    private static object Add(BinaryExpression binary, object? left, object? right)
    {
        foreach (var operand in new[] { left, right })
            if (operand is not (string or double or Undefined))
                throw new ExpressionEvaluationException($"'{binary.Source}': '+' needs numbers or text.");
        if ((left is Undefined && right is double) || (right is Undefined && left is double))
            throw new ExpressionEvaluationException($"'{binary.Source}': '+' cannot add a number and a missing value.");
        if (left is double l && right is double r) return l + r;
        return (left is Undefined ? "" : TemplateValues.ToJsString(left)) + (right is Undefined ? "" : TemplateValues.ToJsString(right));
    }

    private static object? EvaluateCall(CallExpression call, EvaluationScope scope, bool substitute)
    {
        var args = call.Arguments;
        switch (call.Function)
        {
            case "if":
                return TryLogic(args[0], scope, errorMeans: false)
                    ? Evaluate(args[1], scope, substitute)
                    : Evaluate(args[2], scope, substitute);
            case "not":
                return !TryLogic(args[0], scope, errorMeans: false);
            case "and":
                return args.All(a => TryLogic(a, scope, errorMeans: false));
            case "or":
                return Or(args, scope);
            case "count":
                return Evaluate(args[0], scope, substitute) switch
                {
                    string s => (double)s.Length,
                    JsonArray a => (double)a.Count,
                    JsonObject o => (double)o.Count,
                    _ => throw new ExpressionEvaluationException($"'{call.Source}': count() needs a list, text or object."),
                };
            case "empty":
                // empty() is a comparison evaluator in adaptive-expressions: no substitution, errors mean false.
                object? subject;
                try { subject = Evaluate(args[0], scope, substitute: false); }
                catch (ExpressionEvaluationException) { return false; }
                return subject switch
                {
                    null or Undefined => true,
                    string s => s.Length == 0,
                    JsonArray a => a.Count == 0,
                    JsonObject o => o.Count == 0,
                    _ => false, // numbers and booleans have no keys in JavaScript
                };
            default:
                throw new InvalidOperationException($"Unknown function {call.Function}.");
        }
    }

    // adaptive-expressions' Or: true at the first logically true operand; otherwise it returns the LAST operand's
    // raw value (null, false, or undefined when it failed), not false.
    private static object? Or(IReadOnlyList<Expression> operands, EvaluationScope scope)
    {
        object? last = false;
        foreach (var operand in operands)
        {
            try { last = Evaluate(operand, scope, substitute: false); }
            catch (ExpressionEvaluationException) { last = Undefined.Value; continue; }
            if (TemplateValues.IsLogicTrue(last)) return true;
        }
        return last;
    }

    /// <summary>Evaluates a condition with nullSubstitution off; an evaluation error yields <paramref name="errorMeans"/>.</summary>
    private static bool TryLogic(Expression expression, EvaluationScope scope, bool errorMeans)
    {
        try
        {
            return TemplateValues.IsLogicTrue(Evaluate(expression, scope, substitute: false));
        }
        catch (ExpressionEvaluationException)
        {
            return errorMeans;
        }
    }

    private static bool TryOperands(BinaryExpression binary, EvaluationScope scope, out object? left, out object? right)
    {
        left = right = null;
        try
        {
            left = Evaluate(binary.Left, scope, substitute: false);
            right = Evaluate(binary.Right, scope, substitute: false);
            return true;
        }
        catch (ExpressionEvaluationException)
        {
            return false;
        }
    }

    private static object? EvaluatePath(PathExpression path, EvaluationScope scope, bool substitute)
    {
        if (path.Segments.Count > 0 && path.Segments[^1] is IndexSegment lastIndex)
            return EvaluateElement(path, lastIndex, scope, substitute);

        // An accessor chain: build the path text the way adaptive-expressions does, then look it up.
        var pathText = new StringBuilder(path.Root);
        var steps = new List<object>(); // string names or int indexes, after the root
        foreach (var segment in path.Segments)
        {
            switch (segment)
            {
                case NameSegment name:
                    pathText.Append('.').Append(name.Name);
                    steps.Add(name.Name);
                    break;
                case IndexSegment index:
                    var key = Evaluate(index.Index, scope, substitute);
                    if (key is double d && d == Math.Floor(d))
                    {
                        pathText.Append('[').Append(TemplateValues.FormatNumber(d)).Append(']');
                        steps.Add((int)d);
                    }
                    else if (key is string s)
                    {
                        pathText.Append("['").Append(s).Append("']");
                        steps.Add(s);
                    }
                    else throw new ExpressionEvaluationException($"'{index.Index.Source}' does not give a whole number or text to index with.");
                    break;
            }
        }

        var value = Resolve(path.Root, steps, scope);
        if (value is not Undefined) return value;
        if (scope.StrictMissingFields) throw MissingField(pathText.ToString());
        return substitute ? "${" + pathText + "}" : Undefined.Value;
    }

    // adaptive-expressions' Element: a[i] where the last step is an index evaluates the instance, then indexes it.
    private static object? EvaluateElement(PathExpression path, IndexSegment lastIndex, EvaluationScope scope, bool substitute)
    {
        var instancePath = path with { Segments = path.Segments.Take(path.Segments.Count - 1).ToList(), Source = path.Source };
        var instance = EvaluatePath(instancePath, scope, substitute);
        object? key;
        try
        {
            key = Evaluate(lastIndex.Index, scope, substitute: false);
        }
        catch (ExpressionEvaluationException)
        {
            throw new ExpressionEvaluationException($"'{path.Source}': the index cannot be evaluated.");
        }
        object? value = key switch
        {
            double d when d == Math.Floor(d) => instance is JsonArray a && d >= 0 && d < a.Count
                ? TemplateValues.FromNode(a[(int)d])
                : scope.StrictMissingFields ? throw MissingField(path.Source) : throw new ExpressionEvaluationException($"'{path.Source}': index out of range."),
            string s => AccessProperty(instance, s),
            _ => throw new ExpressionEvaluationException($"'{path.Source}': the index is not a whole number or text."),
        };
        if (value is Undefined && scope.StrictMissingFields) throw MissingField(path.Source);
        return value;
    }

    // TemplateObjectMemory: a path that does not start with '$' is looked up under $data.
    private static object? Resolve(string root, List<object> steps, EvaluationScope scope)
    {
        object? current;
        if (root.StartsWith('$'))
        {
            current = root.ToLowerInvariant() switch
            {
                "$root" => scope.Root,
                "$data" => scope.Data,
                "$index" => scope.Index,
                _ => Undefined.Value, // $host and $_acTemplateVersion are not supported: they name nothing here
            };
        }
        else current = AccessProperty(scope.Data, root);

        foreach (var step in steps)
        {
            if (current is Undefined) return current;
            current = step switch
            {
                int i => current is JsonArray a ? (i >= 0 && i < a.Count ? TemplateValues.FromNode(a[i]) : Undefined.Value) : Undefined.Value,
                string s when current is JsonArray a && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var i)
                    => i < a.Count ? TemplateValues.FromNode(a[i]) : Undefined.Value,
                string s => AccessProperty(current, s),
                _ => Undefined.Value,
            };
        }
        return current;
    }

    // Property names match case-insensitively, first key in document order wins (adaptive-expressions' accessProperty).
    private static object? AccessProperty(object? instance, string name)
    {
        if (instance is not JsonObject obj) return Undefined.Value;
        foreach (var (key, value) in obj)
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) return TemplateValues.FromNode(value);
        return Undefined.Value;
    }

    private static CardTemplateException MissingField(string path) =>
        new(CardTemplateError.MissingField, $"The data has no field '{path}' (strict binding: pass null explicitly for an optional field).");
}
