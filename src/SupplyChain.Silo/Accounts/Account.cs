using SupplyChain.Silo.Shipments;

namespace SupplyChain.Silo.Accounts;

/// <summary>
/// An account made through the accounts API: who its keys speak for, what they may do, and how its
/// shipments are shown to readers without a key. Immutable; a settings change is a new instance.
/// </summary>
/// <param name="Id">The account id (<see cref="Domain.Identifiers.IdentifierRule.AccountId"/>): the account claim of its keys.</param>
/// <param name="DisplayName">What people call the account (a carrier's trading name).</param>
/// <param name="Role">The role of every key of the account (<see cref="Security.Roles"/>); fixed at creation.</param>
/// <param name="Sources">For carriers, the CloudEvent <c>source</c> prefixes its keys may post for (<c>*</c> for any); empty for other roles.</param>
/// <param name="PublicPositionPrecision">How precisely a reader without a key sees the account's shipments' positions.</param>
/// <param name="RequireTrackingToken">Whether a reader without a key must present a tracking token to see the account's shipments.</param>
/// <param name="Created">When the account was made.</param>
/// <param name="Deleted">When the account was deleted, if it was: its keys no longer work, it gets no new
/// ones, and its id is not given to another account (its shipments, vehicles and audit records name it).</param>
internal sealed record Account(
    string Id,
    string DisplayName,
    string Role,
    IReadOnlyList<string> Sources,
    PositionPrecision PublicPositionPrecision,
    bool RequireTrackingToken,
    DateTimeOffset Created,
    DateTimeOffset? Deleted = null);
