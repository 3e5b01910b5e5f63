namespace SupplyChain.Ingestion.Reading;

/// <summary>
/// Reads the usual shape of a CloudEvents <c>time</c> straight from its UTF-8 bytes:
/// <c>yyyy-MM-ddTHH:mm:ss</c>, an optional fraction of any length (ticks beyond the seventh digit are
/// dropped), then <c>Z</c> or <c>±HH:MM</c>. The SDK's own timestamp parser takes a string and goes
/// through culture-aware exact parsing, which was the largest single cost of reading a ping.
/// This reader only ever says yes to values the SDK takes, with the value the SDK gives (a property
/// test holds it to that); for anything outside the usual shape or range it says no, and the caller
/// asks the SDK, which then decides. Thread safe.
/// </summary>
internal static class EventTime
{
    private const int MaxOffsetMinutes = 14 * 60;

    /// <summary>The time in <paramref name="utf8"/>, when it has the usual shape and a valid value.</summary>
    public static bool TryRead(ReadOnlySpan<byte> utf8, out DateTimeOffset time)
    {
        time = default;
        if (utf8.Length < 20
            || utf8[4] != '-' || utf8[7] != '-' || utf8[10] != 'T' || utf8[13] != ':' || utf8[16] != ':'
            || !TwoDigits(utf8, 0, out var century) || !TwoDigits(utf8, 2, out var yearOfCentury)
            || !TwoDigits(utf8, 5, out var month) || !TwoDigits(utf8, 8, out var day)
            || !TwoDigits(utf8, 11, out var hour) || !TwoDigits(utf8, 14, out var minute) || !TwoDigits(utf8, 17, out var second))
        {
            return false;
        }

        var index = 19;
        long fractionTicks = 0;
        if (utf8[index] == '.')
        {
            var digits = 0;
            index++;
            while (index < utf8.Length && IsDigit(utf8[index]))
            {
                if (digits < 7)
                {
                    fractionTicks = (fractionTicks * 10) + (utf8[index] - '0');
                }

                digits++;
                index++;
            }

            if (digits == 0)
            {
                return false;
            }

            for (; digits < 7; digits++)
            {
                fractionTicks *= 10;
            }
        }

        if (!TryReadOffset(utf8[index..], out var offset))
        {
            return false;
        }

        // Years near either end of the calendar could leave its range once the offset applies: the SDK decides those.
        var year = (century * 100) + yearOfCentury;
        if (year is < 2 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        time = new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(fractionTicks);
        return true;
    }

    private static bool TryReadOffset(ReadOnlySpan<byte> utf8, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (utf8.Length == 1 && utf8[0] == 'Z')
        {
            return true;
        }

        if (utf8.Length != 6 || (utf8[0] != '+' && utf8[0] != '-') || utf8[3] != ':'
            || !TwoDigits(utf8, 1, out var hours) || !TwoDigits(utf8, 4, out var minutes))
        {
            return false;
        }

        var total = (hours * 60) + minutes;
        if (minutes > 59 || total > MaxOffsetMinutes)
        {
            return false;
        }

        offset = TimeSpan.FromMinutes(utf8[0] == '-' ? -total : total);
        return true;
    }

    private static bool TwoDigits(ReadOnlySpan<byte> utf8, int at, out int value)
    {
        value = 0;
        if (!IsDigit(utf8[at]) || !IsDigit(utf8[at + 1]))
        {
            return false;
        }

        value = ((utf8[at] - '0') * 10) + (utf8[at + 1] - '0');
        return true;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
