using System.Globalization;

namespace SupplyChain.Fuzz.Cases;

/// <summary>
/// <c>GET /api/ops/map</c> with odd boxes, zooms and cursors (and now and then a plain one, or a
/// cursor cut, padded or flipped), and <c>GET /api/vehicles</c> with odd <c>search</c> and <c>limit</c>.
/// </summary>
internal static class MapCases
{
    private static readonly string[] Boxes =
    [
        "-10,36,30,60", "-180,-90,180,90", "4.3,51.85,4.6,52", "30,36,-10,60", "-10,60,30,36", "4,50,4,50", "-181,36,30,60", "-10,-91,30,60",
        "-10,36,180.0000001,60", "NaN,36,30,60", "-Infinity,36,30,60", "1e999,0,2e999,1", "-10,36,30", "-10,36,30,60,70", ",,,", "", " ", "a,b,c,d",
        "-10;36;30;60", "-10 36 30 60", "0x10,36,30,60", "1_0,36,30,60", "-10,36,30,60,", "%00", "%ED%A0%80", "-10%2C36%2C30%2C60", "%FF,%FE,%FD,%FC",
        "\u00B9,36,30,60", "\uFF11,36,30,60", "-0,-0,0.0000000001,0.0000000001", "1e-320,1e-320,2e-320,2e-320", "-10,36,30,60" + new string('0', 300),
        "179.99999,89.99999,180,90", "-180,-90,-179.99999,-89.99999",
    ];

    private static readonly string[] Zooms =
    [
        "5", "0", "22", "23", "-1", "-0", "+5", "5.0", "5.5", "1e1", "", " ", "%00", "99999999999999999999", "2147483648", "0x5", "\u0665", "five",
    ];

    private static readonly string[] Searches = ["VAN", "v", "", " ", "%00", "a%20b", "%ED%A0%80", "..", "a/b", "*", "%25", new('s', 65), "-"];

    private static readonly string[] Limits = ["1", "100", "1000", "0", "-1", "1001", "abc", "", "1e3", "99999999999999999999"];

    public static FuzzCase Odd(Random random, CaseContext context)
    {
        var (headers, keyOddity) = Credentials.Pick(random, context.Keys.Admin, context.Keys);
        var mutations = new List<string>();
        string path;
        string route;
        if (random.Next(5) == 0)
        {
            route = "GET /api/vehicles?search";
            var parts = new List<string>();
            if (random.Next(4) > 0)
            {
                parts.Add("search=" + Pick(random, Searches, mutations, "search"));
            }

            if (random.Next(2) == 0)
            {
                parts.Add("limit=" + Pick(random, Limits, mutations, "limit"));
            }

            path = "/api/vehicles?" + string.Join('&', parts);
        }
        else
        {
            route = "GET /api/ops/map";
            var parts = new List<string>();
            if (random.Next(12) > 0)
            {
                parts.Add("bbox=" + Pick(random, Boxes, mutations, "bbox"));
            }

            if (random.Next(12) > 0)
            {
                parts.Add("zoom=" + Pick(random, Zooms, mutations, "zoom"));
            }

            if (random.Next(3) == 0)
            {
                parts.Add("since=" + Cursor(random, mutations));
            }

            if (random.Next(10) == 0)
            {
                parts.Add(random.Next(2) == 0 ? "bbox=-10,36,30,60" : "limit=5");
                mutations.Add("an extra parameter");
            }

            path = "/api/ops/map?" + string.Join('&', parts.OrderBy(_ => random.Next()));
        }

        if (keyOddity is not null)
        {
            mutations.Add(keyOddity);
        }

        return new FuzzCase(context.Index, route, string.Join(" + ", mutations), HttpMethod.Get, path) { Headers = headers };
    }

    private static string Pick(Random random, string[] values, List<string> mutations, string name)
    {
        var value = values[random.Next(values.Length)];
        mutations.Add($"{name} '{(value.Length > 30 ? value[..30] + "..." : value)}'");
        return value;
    }

    /// <summary>
    /// A cursor-like value: base64url of random bytes led by the format byte (so the decoder reads on),
    /// of a few bytes or many, or a plain odd string.
    /// </summary>
    private static string Cursor(Random random, List<string> mutations)
    {
        switch (random.Next(4))
        {
            case 0:
            {
                var (segment, name) = OddPaths.Segment(random, "AQA");
                mutations.Add($"since {name}");
                return segment;
            }

            default:
            {
                var bytes = new byte[random.Next(5) == 0 ? 18 + random.Next(12_000) : 18 + random.Next(80)];
                random.NextBytes(bytes);
                bytes[0] = 1;
                bytes[1] = (byte)random.Next(3);
                if (bytes.Length > 18 && random.Next(2) == 0)
                {
                    // A partition count that fits, the versions random.
                    bytes[18] = (byte)random.Next(1, 20);
                }

                mutations.Add(string.Create(CultureInfo.InvariantCulture, $"since of {bytes.Length} random bytes"));
                return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            }
        }
    }
}
