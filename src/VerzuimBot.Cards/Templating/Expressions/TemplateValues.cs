using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VerzuimBot.Cards.Templating.Expressions;

/// <summary>JavaScript's <c>undefined</c>: a path that names nothing. Distinct from JSON null.</summary>
internal sealed class Undefined
{
    public static readonly Undefined Value = new();
    private Undefined() { }
}

/// <summary>
/// The value model the evaluator works on, mirroring what adaptive-expressions sees in JavaScript:
/// <see cref="Undefined"/>, null, bool, double, string, or a <see cref="JsonArray"/>/<see cref="JsonObject"/>
/// taken from the data (never mutated; cloned when written into a card).
/// </summary>
internal static class TemplateValues
{
    // JavaScript's Number.EPSILON (not .NET's double.Epsilon, which is the smallest subnormal).
    private const double JsNumberEpsilon = 2.220446049250313e-16;

    public static bool IsNullish(object? value) => value is null || value is Undefined;

    public static object? FromNode(JsonNode? node)
    {
        switch (node)
        {
            case null: return null;
            case JsonArray or JsonObject: return node;
        }
        var value = (JsonValue)node;
        return value.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.TryGetValue<double>(out var d)
                ? d
                : double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
            JsonValueKind.Null => null,
            var kind => throw new InvalidOperationException($"Unexpected JSON value kind {kind}."),
        };
    }

    public static JsonNode? ToNode(object? value) => value switch
    {
        null or Undefined => null,
        bool b => JsonValue.Create(b),
        double d => JsonValue.Create(d),
        string s => JsonValue.Create(s),
        JsonNode n => n.DeepClone(),
        _ => throw new InvalidOperationException($"Unexpected template value type {value.GetType().Name}."),
    };

    /// <summary>adaptive-expressions' isLogicTrue: booleans are themselves, null/undefined are false, anything else is true.</summary>
    public static bool IsLogicTrue(object? value) => value switch
    {
        bool b => b,
        null or Undefined => false,
        _ => true,
    };

    /// <summary>adaptive-expressions' commonEquals (deep for lists and objects, epsilon for numbers, strict otherwise).</summary>
    public static bool CommonEquals(object? left, object? right)
    {
        if (IsNullish(left) || IsNullish(right)) return IsNullish(left) && IsNullish(right);
        if (left is JsonArray la && right is JsonArray ra)
        {
            if (la.Count != ra.Count) return false;
            for (var i = 0; i < la.Count; i++)
                if (!CommonEquals(FromNode(la[i]), FromNode(ra[i]))) return false;
            return true;
        }
        if (left is JsonObject lo && right is JsonObject ro) return DeepEquals(lo, ro);
        if (left is double ld && right is double rd) return Math.Abs(ld - rd) < JsNumberEpsilon || ld == rd;
        return left switch
        {
            string ls => right is string rs && string.Equals(ls, rs, StringComparison.Ordinal),
            bool lb => right is bool rb && lb == rb,
            _ => false,
        };
    }

    // lodash isEqual on plain JSON: same keys, deep-equal values, numbers compared exactly.
    private static bool DeepEquals(object? left, object? right)
    {
        switch (left)
        {
            case JsonObject lo when right is JsonObject ro:
                if (lo.Count != ro.Count) return false;
                foreach (var (key, value) in lo)
                    if (!ro.TryGetPropertyValue(key, out var other) || !DeepEquals(FromNode(value), FromNode(other))) return false;
                return true;
            case JsonArray la when right is JsonArray ra:
                if (la.Count != ra.Count) return false;
                for (var i = 0; i < la.Count; i++)
                    if (!DeepEquals(FromNode(la[i]), FromNode(ra[i]))) return false;
                return true;
            case null: return right is null;
            case double ld: return right is double rd && ld == rd;
            case string ls: return right is string rs && string.Equals(ls, rs, StringComparison.Ordinal);
            case bool lb: return right is bool rb && lb == rb;
            default: return false;
        }
    }

    /// <summary>JavaScript's <c>String(value)</c> as used when a value is put inside text. Null/undefined are not allowed (the official library throws too).</summary>
    public static string ToJsString(object? value) => value switch
    {
        string s => s,
        double d => FormatNumber(d),
        bool b => b ? "true" : "false",
        JsonObject => "[object Object]",
        JsonArray a => string.Join(",", a.Select(item => FromNode(item) is var v && IsNullish(v) ? "" : ToJsString(v))),
        _ => throw new InvalidOperationException("null or undefined has no text form."),
    };

    /// <summary>ECMAScript Number::toString(10): shortest round-trip digits, exponent form outside 1e-7 .. 1e21.</summary>
    public static string FormatNumber(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsInfinity(value)) return value > 0 ? "Infinity" : "-Infinity";
        if (value == 0) return "0";
        if (value < 0) return "-" + FormatNumber(-value);

        // "E16" would pad; "R" gives the shortest round-trip digits, possibly in exponent form.
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = shortest.IndexOfAny(['E', 'e']);
        var mantissa = exponentAt < 0 ? shortest : shortest[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(shortest[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.');
        var integerPart = point < 0 ? mantissa : mantissa[..point];
        var fractionPart = point < 0 ? "" : mantissa[(point + 1)..];
        var digits = (integerPart + fractionPart).TrimStart('0');
        var leadingZeros = (integerPart + fractionPart).Length - digits.Length;
        digits = digits.TrimEnd('0');
        // value = 0.digits × 10^n
        var n = integerPart.Length - leadingZeros + exponent;
        var k = digits.Length;

        var text = new StringBuilder();
        if (k <= n && n <= 21) text.Append(digits).Append('0', n - k);
        else if (0 < n && n <= 21) text.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        else if (-6 < n && n <= 0) text.Append("0.").Append('0', -n).Append(digits);
        else
        {
            var e = n - 1;
            text.Append(digits[0]);
            if (k > 1) text.Append('.').Append(digits, 1, k - 1);
            text.Append('e').Append(e < 0 ? '-' : '+').Append(Math.Abs(e).ToString(CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }
}
