using SupplyChain.Silo.Security;

namespace SupplyChain.Silo.RateLimiting;

/// <summary>
/// Who a request counts against: its API key's name claim when it carries a known key (a configured
/// key's <c>Name</c>; for a key issued through the accounts API, its account id, so all of an
/// account's keys share one budget and rotating keys does not refill it), else its client address.
/// A request with an unknown key counts as anonymous, by its address, so guessing keys is limited too.
/// </summary>
/// <param name="Id">The key's name (or account) or the address, for logs and problem details.</param>
/// <param name="Keyed">Whether <paramref name="Id"/> is a key's name.</param>
/// <param name="IsOps">Whether the key's role is one of ops' (admin, viewer, metrics): people and their tools, with the admin limits.</param>
internal readonly record struct Caller(string Id, bool Keyed, bool IsOps)
{
    public static Caller Of(HttpContext context)
    {
        var user = context.User;
        return user.Identity is { IsAuthenticated: true, Name: { } name }
            ? new Caller(name, Keyed: true, Roles.IsOps(user))
            : new Caller(ClientAddress.Of(context.Connection.RemoteIpAddress), Keyed: false, IsOps: false);
    }

    /// <summary>How problem details and logs name the caller.</summary>
    public string Describe() => Keyed ? $"key '{Id}'" : $"address {Id}";

    /// <summary>The caller's partition in a limiter shared by keys and addresses.</summary>
    public string PartitionKey => Keyed ? "key:" + Id : "address:" + Id;
}
