using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SupplyChain.Fuzz.Cases;

/// <summary>
/// JSON built as a node tree, with pieces no well-formed tree can hold (invalid UTF-8, lone
/// surrogates, duplicate names, bare NaN, unterminated strings) spliced in as raw bytes when the
/// tree is written. A piece stands in the tree as a placeholder string, as a value or as a
/// property name; <see cref="Render"/> swaps each placeholder, quotes included, for its bytes.
/// Not thread safe: one per case.
/// </summary>
internal sealed class RawJson
{
    private const string Open = "~~raw";
    private const string Close = "~~";

    private static readonly JsonSerializerOptions Writing = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly List<byte[]> _pieces = [];

    /// <summary>A placeholder for <paramref name="json"/>, to use as a property name.</summary>
    public string Name(byte[] json)
    {
        _pieces.Add(json);
        return $"{Open}{_pieces.Count - 1}{Close}";
    }

    /// <summary>A placeholder for <paramref name="json"/>, to use as a value.</summary>
    public JsonNode Value(byte[] json) => JsonValue.Create(Name(json));

    /// <summary>The tree's JSON text with every placeholder replaced by its raw bytes.</summary>
    public byte[] Render(JsonNode? node)
    {
        var text = JsonSerializer.SerializeToUtf8Bytes(node, Writing);
        if (_pieces.Count == 0)
        {
            return text;
        }

        var marker = Encoding.ASCII.GetBytes("\"" + Open);
        var output = new List<byte>(text.Length + _pieces.Sum(p => p.Length));
        var rest = text.AsSpan();
        int at;
        while ((at = rest.IndexOf(marker)) >= 0)
        {
            output.AddRange(rest[..at]);
            rest = rest[(at + marker.Length)..];
            var end = rest.IndexOf(Encoding.ASCII.GetBytes(Close + "\""));
            var index = int.Parse(Encoding.ASCII.GetString(rest[..end]), System.Globalization.CultureInfo.InvariantCulture);
            output.AddRange(_pieces[index]);
            rest = rest[(end + Close.Length + 1)..];
        }

        output.AddRange(rest);
        return [.. output];
    }
}
