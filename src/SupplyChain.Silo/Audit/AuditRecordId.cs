using System.Buffers;
using System.Globalization;

namespace SupplyChain.Silo.Audit;

/// <summary>
/// Record ids: the time as ticks counted down from <see cref="DateTime.MaxValue"/> (19 digits), a dash
/// and 16 random hex digits. Ordinal order is newest first, so an id doubles as a table row key and as
/// the paging cursor; the random part keeps ids of several silos apart.
/// </summary>
internal static class AuditRecordId
{
    /// <summary>Characters in an id.</summary>
    public const int Length = 36;

    private const int TickDigits = 19;

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    public static string Create(DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{TicksKey(at)}-{Random.Shared.NextInt64():x16}");

    /// <summary>The id prefix of <paramref name="at"/>: every id of that instant sorts after it, every older one after those.</summary>
    public static string TicksKey(DateTimeOffset at) =>
        (DateTime.MaxValue.Ticks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>The prefix that every id of <paramref name="at"/> and later sorts before.</summary>
    public static string After(DateTimeOffset at) =>
        (DateTime.MaxValue.Ticks - at.UtcTicks + 1).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="text"/> is an id this silo could have made (a continuation token is one).</summary>
    public static bool IsValid(string text) =>
        text.Length == Length
        && !text.AsSpan(0, TickDigits).ContainsAnyExceptInRange('0', '9')
        && long.TryParse(text.AsSpan(0, TickDigits), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
        && ticks <= DateTime.MaxValue.Ticks
        && text[TickDigits] == '-'
        && !text.AsSpan(TickDigits + 1).ContainsAnyExcept(LowerHex);

    /// <summary>The time a valid id was made for.</summary>
    public static DateTimeOffset TimeOf(string id) =>
        new(DateTime.MaxValue.Ticks - long.Parse(id.AsSpan(0, TickDigits), NumberStyles.None, CultureInfo.InvariantCulture), TimeSpan.Zero);
}
