using System.Text.Json.Nodes;

namespace VerzuimBot.Cards.Tests.Templating;

/// <summary>
/// Small templates, each aimed at one rule of the templating language, that our binder and the official
/// adaptivecards-templating must expand identically (official-compatible mode: missing fields stay literal).
/// </summary>
internal static class BinderConformanceCases
{
    public static readonly IReadOnlyDictionary<string, (string Template, string Data)> All = new Dictionary<string, (string, string)>
    {
        ["typed number"] = ("""{"v":"${a}"}""", """{"a":3}"""),
        ["typed bool, object, list, null"] = ("""{"b":"${t}","o":"${o}","l":"${l}","n":"${n}"}""", """{"t":true,"o":{"k":[1,"x"]},"l":[1,2],"n":null}"""),
        ["interpolated number formats like JavaScript"] = ("""{"v":"x ${a} ${b} ${c} ${d} ${e}"}""", """{"a":3.5,"b":3.0,"c":0.1,"d":1e21,"e":5e-7}"""),
        ["interpolated bool, list and object"] = ("""{"v":"${t}/${l}/${o}"}""", """{"t":false,"l":[1,"b",null],"o":{"k":1}}"""),
        ["adjacent bindings make text"] = ("""{"v":"${a}${b}"}""", """{"a":1,"b":2}"""),
        ["lone literal gives text"] = ("""{"a":"${true}","b":"${'q'}","c":"${1.50}"}""", """{}"""),
        ["whitespace inside and around"] = ("""{"a":"${ a }","b":"  ${a}  "}""", """{"a":"ws"}"""),
        ["missing field stays literal"] = ("""{"a":"${m}","b":"x ${m.n} ${$root.m.n}","c":"${a.b}"}""", """{"a":null}"""),
        ["case-insensitive names"] = ("""{"v":"${NAAM.Voor}"}""", """{"naam":{"voor":"v"}}"""),
        ["index and string index"] = ("""{"a":"${l[1]}","b":"${o['k']}","c":"${l[i]}","d":"${rows[1].t}"}""", """{"l":["p","q"],"o":{"k":"ok"},"i":0,"rows":[{"t":"r0"},{"t":"r1"}]}"""),
        ["escapes"] = ("""{"a":"\\${a}","b":"a\\`b ${a}","c":"a\\b ${a}","d":"x \\$ ${a}","e":"r1\nr2 ${a}"}""", """{"a":1}"""),
        ["braces and dollars around"] = ("""{"v":"{x} $ $${a} }"}""", """{"a":1}"""),
        ["string literals"] = ("""{"a":"x ${'a\\'b'}","b":"x ${\"dq\"}","c":"${concatless}"}""", """{"concatless":"z"}"""),
        ["plain strings untouched"] = ("""{"a":"no bindings \\n $ { }","b":"$a {a}","c":12,"d":null,"e":[null,1]}""", """{}"""),
        ["equality"] = ("""{"a":"${a == 3}","b":"${a == '3'}","c":"${m == null}","d":"${n == null}","e":"${l == k}","f":"${a != b}"}""", """{"a":3,"b":4,"n":null,"l":[1,{"x":1}],"k":[1,{"x":1}]}"""),
        ["relational"] = ("""{"a":"${a >= 2}","b":"${s < t}","c":"${n > 1}","d":"${m > 1}","e":"${a < 2}","f":"${a <= 2}"}""", """{"a":2,"s":"B","t":"a","n":null}"""),
        ["logic"] = ("""{"a":"${x && y}","b":"${x || y}","c":"${!x}","d":"${!n}","e":"${a == 1 || b == 2 && c}","f":"${!a == false}"}""", """{"x":true,"y":false,"n":null,"a":0,"b":2,"c":false}"""),
        ["truthiness"] = ("""{"a":"${if(z, 'ja', 'nee')}","b":"${if(e, 'ja', 'nee')}","c":"${if(m, 'ja', 'nee')}","d":"${not(z)}","e":"${and(z, e)}","f":"${or(m, n)}"}""", """{"z":0,"e":"","n":null}"""),
        ["if branches keep type and substitute"] = ("""{"a":"${if(t, n, s)}","b":"x ${if(f, b, c)}"}""", """{"t":true,"f":false,"n":5,"s":"s","b":"B"}"""),
        ["arithmetic"] = ("""{"a":"${a + 1}","b":"${a + 'x'}","c":"${a - 1}","d":"${-a}","e":"x ${p + q}","f":"${s + t}"}""", """{"a":2,"p":0.1,"q":0.2,"s":"ab","t":"cd"}"""),
        ["count and empty"] = ("""{"a":"${count(l)}","b":"${count(s)}","c":"${count(o)}","d":"${empty(l)}","e":"${empty(m)}","f":"${empty(s)}","g":"${count(m) > 0}","h":"x ${count(m)}"}""", """{"l":[1,2],"s":"abc","o":{"a":1}}"""),
        ["$data repeats and $index counts"] = ("""{"body":[{"type":"T","$data":"${rows}","text":"${$index}: ${naam} of ${$root.titel}"}]}""", """{"titel":"Lijst","rows":[{"naam":"a"},{"naam":"b"},{"naam":"c"}]}"""),
        ["$data empty list removes"] = ("""{"body":[{"$data":"${rows}","t":"${x}"},{"t":"rest"}]}""", """{"rows":[]}"""),
        ["$data object rebinds"] = ("""{"body":[{"$data":"${school}","t":"${naam} ${$data.naam} ${$root.jaar}"}]}""", """{"jaar":"2026","school":{"naam":"Voorbeeld"}}"""),
        ["$data one-item list keeps index"] = ("""{"body":[{"$data":"${rows}","t":"${$index}"}]}""", """{"rows":[{"a":1}]}"""),
        ["$data on a property gives list"] = ("""{"facts":{"$data":"${rows}","t":"${t}"},"one":{"$data":"${one}","t":"${t}"}}""", """{"rows":[{"t":"a"},{"t":"b"}],"one":[{"t":"c"}]}"""),
        ["$data scalar items"] = ("""{"body":[{"$data":"${l}","t":"${$data}","i":"${$index}"}]}""", """{"l":["x","y"]}"""),
        ["$data missing list"] = ("""{"body":[{"$data":"${rows}","t":"${naam}"}]}""", """{}"""),
        ["nested $data and outer index"] = ("""{"body":[{"$data":"${groepen}","items":[{"$data":"${leden}","t":"${$index} ${naam} ${$root.x}"}],"g":"${$index}"}]}""", """{"x":"X","groepen":[{"leden":[{"naam":"a"},{"naam":"b"}]},{"leden":[{"naam":"c"}]}]}"""),
        ["$when"] = ("""{"body":[{"$when":"${a > 1}","t":"gt"},{"$when":"${a < 1}","t":"lt"},{"$when":"${m}","t":"missing"},{"$when":"${s}","t":"string"},{"$when":"${count(m) > 0}","t":"c"},{"$when":"${count(m)}","t":"d"}]}""", """{"a":2,"s":"x"}"""),
        ["$when after $data"] = ("""{"body":[{"$data":"${rows}","$when":"${ok}","t":"${n}"}]}""", """{"rows":[{"ok":true,"n":1},{"ok":false,"n":2},{"n":3},{"ok":true,"n":4}]}"""),
        ["$when on a property gives null"] = ("""{"a":{"$when":"${false == true}","t":1},"b":2}""", """{}"""),
        ["reserved keys are dropped"] = ("""{"$root":"x","$index":1,"$host":2,"$schema":"keep","t":"${a}"}""", """{"a":1}"""),
        ["nested arrays flatten and nulls drop"] = ("""{"l":[[1,2],[3],null,"${l2}","${n}"]}""", """{"l2":[4,5],"n":null}"""),
        ["minus without spaces"] = ("""{"a":"${a-b}","b":"${a - b}"}""", """{"a":5,"b":2,"a-b":"hyphen"}"""),
        ["or returns the last operand"] = ("""{"a":"${x || n}","b":"${or(n, f)}","c":"${m || n}","d":"x ${n || z}"}""", """{"x":false,"n":null,"f":false,"z":0}"""),
        ["object keys are not bound"] = ("""{"${a}":"${a}"}""", """{"a":"v"}"""),
        ["$root null"] = ("""{"t":"${x}"}""", """null"""),
    };

    public static JsonNode Template(string id) => JsonNode.Parse(All[id].Template)!;
    public static JsonNode? Data(string id) => JsonNode.Parse(All[id].Data);
}
