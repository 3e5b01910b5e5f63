using System.Globalization;
using System.Text;
using SupplyChain.Fuzz.Cases;

namespace SupplyChain.Fuzz.Running;

/// <summary>A case as a person reads it: the request line, the headers and the start of the body, every odd byte shown as \xHH.</summary>
internal static class CaseText
{
    private const int PathShown = 300;
    private const int HeaderShown = 200;
    private const int BodyShown = 600;

    public static string Describe(FuzzCase c, int seed)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"case {c.Index} of seed {seed}: {c.Route} [{c.Mutation}]").AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"    {c.Method} {Shown(c.PathAndQuery, PathShown)}").AppendLine();
        foreach (var (name, value) in c.Headers)
        {
            text.Append(CultureInfo.InvariantCulture, $"    {Shown(name, HeaderShown)}: {Shown(value, HeaderShown)}").AppendLine();
        }

        if (c.Body is { } body)
        {
            var stall = c.StallAfterFirstBytes is { } s ? $", stalls {s.TotalSeconds:0} s after its first bytes" : "";
            text.Append(CultureInfo.InvariantCulture, $"    body ({body.Length} bytes{stall}): {Shown(body, BodyShown)}").AppendLine();
        }

        return text.ToString();
    }

    /// <summary>Text of byte-valued characters (header values, paths), printable ASCII as is, the rest as \xHH.</summary>
    public static string Shown(string bytes, int max) => Shown(Encoding.Latin1.GetBytes(bytes), max);

    public static string Shown(ReadOnlySpan<byte> bytes, int max)
    {
        var text = new StringBuilder();
        foreach (var b in bytes[..Math.Min(bytes.Length, max)])
        {
            if (b is >= 0x20 and < 0x7F)
            {
                text.Append((char)b);
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"\\x{b:X2}");
            }
        }

        return bytes.Length > max ? text.Append(CultureInfo.InvariantCulture, $"... ({bytes.Length - max} more)").ToString() : text.ToString();
    }
}
