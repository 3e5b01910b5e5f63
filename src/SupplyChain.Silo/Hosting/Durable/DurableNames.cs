using System.Globalization;

namespace SupplyChain.Silo.Hosting.Durable;

/// <summary>
/// Names of the containers, tables and queues the durable profile uses in its storage account.
/// Table and container names carry no service id: Orleans keys rows and blobs by service and
/// cluster id itself. Queue names do, so two services can share an account.
/// </summary>
internal static class DurableNames
{
    /// <summary>Blob container of grain state (shipments, vehicles, the geofence registry).</summary>
    public const string StateContainer = "grainstate";

    /// <summary>Blob container of stream pub-sub state (unused with implicit-only pub-sub; kept for explicit subscribers).</summary>
    public const string PubSubContainer = "pubsubstate";

    /// <summary>Blob container of the Data Protection key ring that encrypts webhook secrets, one folder per service id.</summary>
    public const string KeyRingContainer = "keyring";

    /// <summary>Table of silo membership.</summary>
    public const string MembershipTable = "OrleansSiloInstances";

    /// <summary>Table of reminders.</summary>
    public const string RemindersTable = "OrleansReminders";

    /// <summary>Table of Event Hubs read positions.</summary>
    public const string CheckpointTable = "EventHubCheckpoints";

    /// <summary>Table of accounts and their API keys (hashes only).</summary>
    public const string AccountsTable = "Accounts";

    /// <summary>Table of dead-lettered inbound events.</summary>
    public const string DeadLetterTable = "DeadLetters";

    /// <summary>The Azure queues of the event stream: <c>{serviceId}-events-{n}</c>, lower case.</summary>
    public static List<string> Queues(string serviceId, int count) =>
        [.. Enumerable.Range(0, count).Select(n => string.Create(CultureInfo.InvariantCulture, $"{serviceId.ToLowerInvariant()}-events-{n}"))];
}
