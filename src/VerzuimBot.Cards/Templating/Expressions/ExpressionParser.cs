using System.Globalization;
using System.Text;

namespace VerzuimBot.Cards.Templating.Expressions;

/// <summary>
/// Parses the subset of adaptive-expressions our templates use. Precedence follows adaptive-expressions'
/// grammar (lowest first): <c>||</c>, <c>&amp;&amp;</c>, <c>&lt; &lt;= &gt; &gt;=</c>, <c>== !=</c>, <c>+ -</c>,
/// unary <c>! - +</c>, then paths and calls. Note that equality binds tighter than the relational operators there.
/// Anything else (<c>* / % ^ &amp; ?: ??</c>, lambdas, object or array literals, other functions) is rejected
/// with <see cref="CardTemplateError.UnsupportedSyntax"/>, so a template never silently means something else.
/// </summary>
internal sealed class ExpressionParser
{
    /// <summary>Function name → allowed argument count.</summary>
    public static readonly IReadOnlyDictionary<string, int> SupportedFunctions = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["count"] = 1, ["empty"] = 1, ["not"] = 1, ["if"] = 3, ["and"] = -2, ["or"] = -2,
    };

    private readonly string _text;
    private int _position;

    private ExpressionParser(string text) => _text = text;

    public static Expression Parse(string text)
    {
        var parser = new ExpressionParser(text);
        parser.SkipWhitespace();
        if (parser.AtEnd) throw parser.Unsupported("an empty expression");
        var expression = parser.ParseOr();
        parser.SkipWhitespace();
        if (!parser.AtEnd) throw parser.Unsupported($"unexpected '{parser.Current}'");
        return expression;
    }

    private bool AtEnd => _position >= _text.Length;
    private char Current => _text[_position];
    private char Peek(int offset) => _position + offset < _text.Length ? _text[_position + offset] : '\0';

    private Expression ParseOr() => ParseLeftAssociative(ParseAnd, ("||", BinaryOperator.Or));
    private Expression ParseAnd() => ParseLeftAssociative(ParseRelational, ("&&", BinaryOperator.And));
    private Expression ParseRelational() => ParseLeftAssociative(ParseEquality,
        ("<=", BinaryOperator.LessOrEqual), (">=", BinaryOperator.GreaterOrEqual),
        ("<", BinaryOperator.Less), (">", BinaryOperator.Greater));
    private Expression ParseEquality() => ParseLeftAssociative(ParseAdditive,
        ("==", BinaryOperator.Equal), ("!=", BinaryOperator.NotEqual));
    private Expression ParseAdditive() => ParseLeftAssociative(ParseUnary,
        ("+", BinaryOperator.Add), ("-", BinaryOperator.Subtract));

    private Expression ParseLeftAssociative(Func<Expression> next, params (string Token, BinaryOperator Operator)[] operators)
    {
        var start = _position;
        var left = next();
        while (true)
        {
            SkipWhitespace();
            var at = _position;
            var matched = operators.FirstOrDefault(o => string.CompareOrdinal(_text, at, o.Token, 0, o.Token.Length) == 0);
            if (matched.Token is null) return RejectUnsupportedOperator(left);
            _position += matched.Token.Length;
            var right = next();
            left = new BinaryExpression(_text[start.._position].Trim(), matched.Operator, left, right);
        }
    }

    private Expression RejectUnsupportedOperator(Expression left)
    {
        if (AtEnd) return left;
        var c = Current;
        if (c is '*' or '/' or '%' or '^' or '?' or ':' || (c == '&' && Peek(1) != '&') || (c == '=' && Peek(1) == '>'))
            throw Unsupported($"the operator '{c}'");
        return left;
    }

    private Expression ParseUnary()
    {
        SkipWhitespace();
        var start = _position;
        if (AtEnd) throw Unsupported("an expression that ends too early");
        UnaryOperator? op = Current switch { '!' => UnaryOperator.Not, '-' => UnaryOperator.Negate, '+' => UnaryOperator.Plus, _ => null };
        if (op is null) return ParsePostfix();
        if (Current == '!' && Peek(1) == '=') throw Unsupported("'!=' without a left operand");
        _position++;
        var operand = ParseUnary();
        return new UnaryExpression(_text[start.._position].Trim(), op.Value, operand);
    }

    private Expression ParsePostfix()
    {
        SkipWhitespace();
        var start = _position;
        var c = Current;
        if (char.IsAsciiDigit(c)) return ParseNumber();
        if (c is '\'' or '"') return new ConstantExpression(_text[start..SkipString()], ReadStringLiteral(start));
        if (c == '(')
        {
            _position++;
            var inner = ParseOr();
            Expect(')');
            if (!AtEnd && Current is '.' or '[') throw Unsupported("a path on a parenthesised expression");
            return inner;
        }
        if (!IsIdentifierStart(c)) throw Unsupported($"unexpected '{c}'");

        var name = ReadIdentifier();
        SkipWhitespace();
        if (!AtEnd && Current == '(') return ParseCall(start, name);
        switch (name)
        {
            case "true": return new ConstantExpression(name, true);
            case "false": return new ConstantExpression(name, false);
            case "null": return new ConstantExpression(name, null);
        }

        var segments = new List<PathSegment>();
        while (!AtEnd)
        {
            if (Current == '.')
            {
                _position++;
                if (AtEnd || !IsIdentifierStart(Current)) throw Unsupported("a '.' not followed by a name");
                segments.Add(new NameSegment(ReadIdentifier()));
            }
            else if (Current == '[')
            {
                _position++;
                var index = ParseOr();
                Expect(']');
                segments.Add(new IndexSegment(index));
            }
            else break;
        }
        return new PathExpression(_text[start.._position].Trim(), name, segments);
    }

    private Expression ParseCall(int start, string name)
    {
        if (!SupportedFunctions.TryGetValue(name, out var arity))
            throw Unsupported($"the function '{name}()' (supported: {string.Join(", ", SupportedFunctions.Keys)})");
        _position++; // (
        var arguments = new List<Expression>();
        SkipWhitespace();
        if (!AtEnd && Current == ')') _position++;
        else
        {
            while (true)
            {
                arguments.Add(ParseOr());
                SkipWhitespace();
                if (!AtEnd && Current == ',') { _position++; continue; }
                Expect(')');
                break;
            }
        }
        var valid = arity >= 0 ? arguments.Count == arity : arguments.Count >= 1;
        if (!valid) throw Unsupported($"'{name}()' with {arguments.Count} argument(s)");
        if (!AtEnd && Current is '.' or '[') throw Unsupported($"a path on the result of '{name}()'");
        return new CallExpression(_text[start.._position].Trim(), name, arguments);
    }

    private ConstantExpression ParseNumber()
    {
        var start = _position;
        while (!AtEnd && char.IsAsciiDigit(Current)) _position++;
        if (!AtEnd && Current == '.' && char.IsAsciiDigit(Peek(1)))
        {
            _position++;
            while (!AtEnd && char.IsAsciiDigit(Current)) _position++;
        }
        if (!AtEnd && (char.IsAsciiLetter(Current) || Current == '_')) throw Unsupported("a number followed by letters (exponents are not supported)");
        var text = _text[start.._position];
        return new ConstantExpression(text, double.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
    }

    // Returns the index just past the closing quote.
    private int SkipString()
    {
        var quote = Current;
        var i = _position + 1;
        while (i < _text.Length && _text[i] != quote) i += _text[i] == '\\' ? 2 : 1;
        if (i >= _text.Length) throw Unsupported("an unterminated string literal");
        return i + 1;
    }

    // Same unescaping as adaptive-expressions: \' (or \") becomes the quote, then \r \n \t \\ are decoded, other escapes stay.
    private string ReadStringLiteral(int start)
    {
        var end = SkipString();
        var quote = _text[start];
        var body = _text[(start + 1)..(end - 1)].Replace("\\" + quote, quote.ToString(), StringComparison.Ordinal);
        _position = end;
        var result = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == '\\' && i + 1 < body.Length)
            {
                var decoded = body[i + 1] switch { 'r' => "\r", 'n' => "\n", 't' => "\t", '\\' => "\\", _ => null };
                if (decoded is not null) { result.Append(decoded); i++; continue; }
            }
            result.Append(body[i]);
        }
        return result.ToString();
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c is '_' or '$';

    private string ReadIdentifier()
    {
        var start = _position;
        _position++;
        while (!AtEnd && (char.IsLetterOrDigit(Current) || Current == '_')) _position++;
        return _text[start.._position];
    }

    private void Expect(char expected)
    {
        SkipWhitespace();
        if (AtEnd || Current != expected) throw Unsupported($"a missing '{expected}'");
        _position++;
    }

    private void SkipWhitespace()
    {
        while (!AtEnd && char.IsWhiteSpace(Current)) _position++;
    }

    private CardTemplateException Unsupported(string what) =>
        new(CardTemplateError.UnsupportedSyntax, $"Unsupported binding expression '{_text}': {what}.");
}
