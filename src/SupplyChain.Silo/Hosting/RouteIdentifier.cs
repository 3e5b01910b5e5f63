using Microsoft.AspNetCore.Http.HttpResults;
using SupplyChain.Domain.Identifiers;

namespace SupplyChain.Silo.Hosting;

/// <summary>
/// Checks an id taken from a route by the same <see cref="IdentifierRule"/> that events and bodies
/// are checked by, before it reaches a grain: what cannot be written cannot be read either.
/// </summary>
internal static class RouteIdentifier
{
    /// <summary>Null when <paramref name="value"/> is a valid id of <paramref name="rule"/>'s kind; otherwise the 400 to answer.</summary>
    public static ProblemHttpResult? Problem(IdentifierRule rule, string value) =>
        rule.Problem(value, $"The {rule.Name} in the path") is { } problem
            ? TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: $"Invalid {rule.Name}")
            : null;
}
