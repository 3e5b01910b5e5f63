using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SupplyChain.Silo.Security;
using SupplyChain.Silo.Shipments;

namespace SupplyChain.Silo.Accounts;

/// <summary>What the accounts API's handlers use, injected as one parameter.</summary>
internal sealed record AccountServices(
    IAccountStore Store,
    AccountDirectory Directory,
    ConfiguredKeys Configured,
    TimeProvider Time,
    IOptions<JsonOptions> Json,
    IOptions<PrivacyOptions> Privacy,
    ILogger<AccountServices> Logger);
