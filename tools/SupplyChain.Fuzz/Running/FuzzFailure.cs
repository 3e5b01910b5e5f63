using System.Text.RegularExpressions;

namespace SupplyChain.Fuzz.Running;

/// <summary>A requirement a run broke, with the case and answer that broke it when there is one.</summary>
internal sealed partial record FuzzFailure(string Requirement, string Detail, CaseOutcome? Outcome = null)
{
    /// <summary>
    /// What failures of one kind share: the requirement, the status, the route and the mutation with
    /// its numbers blanked out (sizes, indexes), so that a hundred cases of one bug read as one line.
    /// </summary>
    public string Kind => Outcome is { } o
        ? $"{Requirement} {o.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} {o.Case.Route}: {Numbers().Replace(o.Case.Mutation, "N")}"
        : $"{Requirement}: {Detail}";

    [GeneratedRegex(@"\d+")]
    private static partial Regex Numbers();
}
