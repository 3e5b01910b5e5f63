using System.Text;

namespace SupplyChain.Fuzz.Cases;

/// <summary>
/// The catalogue of odd JSON pieces the cases splice into bodies: strings that break UTF-8 or
/// UTF-16 (raw or escaped), control characters, path-like and hostile text, huge strings, numbers
/// out of range, values of the wrong JSON type, timestamps out of range, deep nesting. Some are
/// valid JSON on purpose (the server must refuse or take them), some are not (it must say so).
/// </summary>
internal static class OddJson
{
    private static readonly OddPiece[] Strings =
    [
        Text("lone high surrogate (escaped)", "\"FZ\\ud800X\""),
        Text("lone low surrogate (escaped)", "\"\\udc00\""),
        Text("reversed surrogate pair (escaped)", "\"\\udc00\\ud800\""),
        Text("high surrogate at the end (escaped)", "\"abc\\uD83D\""),
        Bytes("surrogate as UTF-8 bytes ED A0 80", [0x22, 0x46, 0x5A, 0xED, 0xA0, 0x80, 0x22]),
        Bytes("invalid UTF-8 byte FF", [0x22, 0x41, 0xFF, 0x42, 0x22]),
        Bytes("truncated UTF-8 sequence C3", [0x22, 0x41, 0xC3, 0x22]),
        Bytes("overlong UTF-8 C0 AF", [0x22, 0xC0, 0xAF, 0x22]),
        Bytes("UTF-8 beyond U+10FFFF", [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22]),
        Bytes("lone UTF-8 continuation byte", [0x22, 0x80, 0x22]),
        Bytes("raw control character 01", [0x22, 0x41, 0x01, 0x42, 0x22]),
        Bytes("raw tab", [0x22, 0x41, 0x09, 0x42, 0x22]),
        Text("escaped NUL", "\"A\\u0000B\""),
        Text("escaped ANSI escape", "\"\\u001b[31mred\\u001b[0m\""),
        Text("escaped CR LF", "\"a\\r\\nX-Injected: 1\""),
        Text("path traversal", "\"../../etc/passwd\""),
        Text("Windows path traversal", "\"..\\\\..\\\\windows\\\\win.ini\""),
        Text("percent-encoded traversal", "\"%2e%2e%2f%2e%2e%2fetc%2fpasswd\""),
        Text("slash only", "\"/\""),
        Text("dots only", "\"..\""),
        Text("device name", "\"CON\""),
        Text("file URI", "\"file:///etc/passwd\""),
        Text("empty string", "\"\""),
        Text("blanks", "\"   \""),
        Text("emoji", "\"🚚📦\""),
        Text("right-to-left override", "\"\u202Eabc\""),
        Text("zero-width space", "\"a\u200Bb\""),
        Text("byte order mark", "\"\uFEFFabc\""),
        Text("noncharacter U+FFFF", "\"\\uffff\""),
        Text("line separator", "\"a\u2028b\""),
        Text("combining marks", "\"e" + string.Concat(Enumerable.Repeat("\u0301", 500)) + "\""),
        Text("format string", "\"%s%n%x{0}${jndi:ldap://x/a}\""),
        Text("markup", "\"<script>alert(1)</script>\""),
        Text("SQL", "\"'; DROP TABLE shipments;--\""),
        Text("invalid escape", "\"a\\xb\""),
        Text("truncated escape", "\"\\u12\""),
        Text("non-hex escape", "\"\\uZZZZ\""),
        Text("unterminated string", "\"abc"),
        Text("single quotes", "'abc'"),
    ];

    private static readonly OddPiece[] Values =
    [
        Text("bare NaN", "NaN"),
        Text("bare -Infinity", "-Infinity"),
        Text("\"NaN\" string", "\"NaN\""),
        Text("\"Infinity\" string", "\"Infinity\""),
        Text("1e999", "1e999"),
        Text("-1e999", "-1e999"),
        Text("1e-999", "1e-999"),
        Text("1e308", "1e308"),
        Text("-1.8e308", "-1.8e308"),
        Text("huge integer", "123456789012345678901234567890123456789"),
        Text("huge exponent", "1e99999999999"),
        Text("hex number", "0x1F"),
        Text("leading dot", ".5"),
        Text("leading zero", "01"),
        Text("plus sign", "+1"),
        Text("trailing dot", "1."),
        Text("negative zero", "-0"),
        Text("smallest subnormal", "4.9e-324"),
        Text("true", "true"),
        Text("false", "false"),
        Text("null", "null"),
        Text("empty array", "[]"),
        Text("empty object", "{}"),
        Text("array of numbers", "[1,2,3]"),
        Text("object", "{\"a\":1}"),
        Text("numeric string", "\"12.5\""),
        Text("number with spaces", "\" 12 \""),
        Text("int32 overflow", "2147483648"),
        Text("int64 overflow", "9223372036854775808"),
    ];

    private static readonly string[] Times =
    [
        "0001-01-01T00:00:00Z", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59-14:00",
        "0000-00-00T00:00:00Z", "2024-02-30T00:00:00Z", "2024-13-01T00:00:00Z", "2016-12-31T23:59:60Z", "2024-01-01",
        "2024-01-01T00:00:00", "2024-01-01T00:00:00+24:00", "2024-01-01T00:00:00-99:99", "2024-01-01T25:61:61Z",
        "2024-01-01T00:00:00.123456789012345678901234567890Z", "+275760-09-13T00:00:00Z", "-000001-01-01T00:00:00Z",
        "1700000000", "now", "", " 2024-01-01T00:00:00Z ", "2024-01-01T00:00:00ZZ", "2024-01-01t00:00:00z", "1970-01-01T00:00:00Z",
    ];

    /// <summary>An odd JSON string token (or a broken one).</summary>
    public static OddPiece String(Random random) => random.Next(12) == 0 ? Huge(random, 256 * 1024) : Pick(random, Strings);

    /// <summary>A number out of range, a non-number, or a value of another JSON type.</summary>
    public static OddPiece Value(Random random) => random.Next(3) == 0 ? String(random) : Pick(random, Values);

    /// <summary>An odd <c>time</c> value, as a JSON string.</summary>
    public static OddPiece Time(Random random)
    {
        var time = Times[random.Next(Times.Length)];
        return Text($"time {(time.Length == 0 ? "empty" : time.Trim())}", "\"" + time + "\"");
    }

    /// <summary>A string of up to <paramref name="maxChars"/> characters (ASCII, so as many bytes).</summary>
    public static OddPiece Huge(Random random, int maxChars)
    {
        var length = Math.Max(1, (int)(maxChars * Math.Pow(random.NextDouble(), 2)));
        return Text($"huge string ({length / 1024} KB)", "\"" + new string((char)('a' + random.Next(26)), length) + "\"");
    }

    /// <summary>Arrays or objects nested <c>depth</c> levels deep, usually past the parser's limit of 64.</summary>
    public static OddPiece Nesting(Random random)
    {
        var depth = random.Next(3) switch { 0 => 63 + random.Next(4), 1 => 100 + random.Next(1000), _ => 10_000 + random.Next(50_000) };
        var objects = random.Next(2) == 0;
        var text = objects
            ? string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)
            : new string('[', depth) + new string(']', depth);
        return Text($"nesting {(objects ? "objects" : "arrays")} {depth} deep", text);
    }

    /// <summary>A JSON string token for <paramref name="value"/>, escaped the plain way.</summary>
    public static byte[] Quoted(string value) => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(value);

    private static OddPiece Pick(Random random, OddPiece[] pieces) => pieces[random.Next(pieces.Length)];

    private static OddPiece Text(string name, string json) => new(name, Encoding.UTF8.GetBytes(json));

    private static OddPiece Bytes(string name, byte[] json) => new(name, json);
}
