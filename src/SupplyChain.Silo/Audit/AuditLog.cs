namespace SupplyChain.Silo.Audit;

/// <summary>The audit's log lines, under the <see cref="Category"/> category.</summary>
internal static partial class AuditLog
{
    /// <summary>The log category of audit records, apart from the silo's other logs so that it can be routed and kept on its own.</summary>
    public const string Category = "SupplyChain.Audit";

    public static void Record(this ILogger logger, AuditRecord r)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            var sources = Named(r.Sources, r.SourceCount);
            Recorded(logger, r.Action, r.Target, r.Status, r.Outcome, r.Account, r.Key, r.Role, r.ClientAddress, r.Requests, r.Events,
                sources, r.TraceId, r.At, r.Id);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Audit {Action} {Target} -> {Status} {Outcome} by account {Account} key {Key} role {Role} from {ClientAddress}; "
            + "requests {Requests}, events {Events}, sources {Sources}; trace {TraceId} at {At:O} id {AuditId}")]
    private static partial void Recorded(
        ILogger logger, string action, string? target, int status, string? outcome, string? account, string? key, string role, string clientAddress,
        int requests, long? events, string? sources, string? traceId, DateTimeOffset at, string auditId);

    /// <summary>The kept sources, then how many more there were: <c>/carriers/acme/a /carriers/acme/b and 3 more</c>.</summary>
    internal static string? Named(IReadOnlyList<string>? sources, int? count)
    {
        if (sources is null)
        {
            return null;
        }

        var named = string.Join(' ', sources);
        return count > sources.Count ? $"{named} and {count - sources.Count} more" : named;
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "{Dropped} audit records were not stored (the buffer of {Capacity} was full, or the store refused them); they are in this log only")]
    public static partial void Dropped(this ILogger logger, long dropped, int capacity);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error,
        Message = "The audit store refused a batch of {Count} records for its content; they are in this log only")]
    public static partial void Refused(this ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "Audit records could not be written to the store; {Waiting} wait for the next flush")]
    public static partial void WriteFailed(this ILogger logger, Exception exception, int waiting);
}
