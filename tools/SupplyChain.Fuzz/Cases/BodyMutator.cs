using System.Text;

namespace SupplyChain.Fuzz.Cases;

/// <summary>Breaks a body at the byte level: cut short, a byte flipped, a byte order mark, trailing garbage, another encoding.</summary>
internal static class BodyMutator
{
    /// <summary>The broken body and the mutation's name.</summary>
    public static (byte[] Body, string Name) Mutate(byte[] body, Random random)
    {
        switch (random.Next(9))
        {
            case 0:
            {
                var length = body.Length == 0 ? 0 : random.Next(body.Length);
                return (body[..length], $"truncated at byte {length} of {body.Length}");
            }

            case 1 when body.Length > 0:
            {
                var copy = (byte[])body.Clone();
                var at = random.Next(copy.Length);
                copy[at] = (byte)random.Next(256);
                return (copy, $"byte {at} set to {copy[at]:X2}");
            }

            case 2:
                return ([0xEF, 0xBB, 0xBF, .. body], "UTF-8 byte order mark first");
            case 3:
                return ([.. body, .. "}]garbage"u8], "trailing garbage");
            case 4:
                return ([.. " \t\r\n"u8, .. body, .. "\n\n"u8], "surrounding blanks");
            case 5:
                return (Encoding.Convert(Encoding.UTF8, Encoding.Unicode, body), "UTF-16 body");
            case 6:
                return ([.. body, 0x00], "trailing NUL byte");
            case 7:
                return ([.. body, .. body], "body twice");
            default:
                return (Encoding.Latin1.GetBytes(Encoding.UTF8.GetString(body)), "Latin-1 body");
        }
    }

    /// <summary>A body that is not an event at all.</summary>
    public static (byte[] Body, string Name) Odd(Random random)
    {
        string[] texts =
        [
            "", "null", "true", "0", "\"text\"", "[]", "{}", "[[]]", "[null]", "[1,2,3]", "{\"specversion\":", "[{}", "{}{}",
            "<xml/>", "specversion=1.0&id=1", " ", "\u0000", "{\"a\":1,}", "[1,]", "{'a':1}",
        ];
        var text = texts[random.Next(texts.Length)];
        return (Encoding.UTF8.GetBytes(text), $"body {(text.Length == 0 ? "empty" : Printable(text))}");
    }

    private static string Printable(string text) => text.Replace("\u0000", "\\0", StringComparison.Ordinal);
}
