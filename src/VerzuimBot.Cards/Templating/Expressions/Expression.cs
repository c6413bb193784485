namespace VerzuimBot.Cards.Templating.Expressions;

/// <summary>A parsed binding expression (the text between <c>${</c> and <c>}</c>).</summary>
internal abstract record Expression(string Source);

/// <summary>A literal: number, quoted string, true, false or null.</summary>
internal sealed record ConstantExpression(string Source, object? Value) : Expression(Source);

/// <summary>One step of a path: a property name, or an index in square brackets.</summary>
internal abstract record PathSegment;
internal sealed record NameSegment(string Name) : PathSegment;
internal sealed record IndexSegment(Expression Index) : PathSegment;

/// <summary>A data path such as <c>leerling.naam</c>, <c>$root.school</c>, <c>items[0].titel</c> or <c>$index</c>.</summary>
internal sealed record PathExpression(string Source, string Root, IReadOnlyList<PathSegment> Segments) : Expression(Source);

internal enum UnaryOperator { Not, Negate, Plus }
internal sealed record UnaryExpression(string Source, UnaryOperator Operator, Expression Operand) : Expression(Source);

internal enum BinaryOperator { Or, And, Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual, Add, Subtract }
internal sealed record BinaryExpression(string Source, BinaryOperator Operator, Expression Left, Expression Right) : Expression(Source);

/// <summary>A call of one of the supported functions (see <see cref="ExpressionParser.SupportedFunctions"/>).</summary>
internal sealed record CallExpression(string Source, string Function, IReadOnlyList<Expression> Arguments) : Expression(Source);
