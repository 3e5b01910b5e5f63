using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace SupplyChain.Archive.Hosting;

/// <summary>Stops the silo at start on a bad archive setting, naming the key.</summary>
internal sealed partial class ArchiveOptionsValidator : IValidateOptions<ArchiveOptions>
{
    public ValidateOptionsResult Validate(string? name, ArchiveOptions options)
    {
        List<string> failures = [];
        if (options.RecordsPerFile is < 1_000 or > 1_000_000)
        {
            failures.Add($"{ArchiveOptions.SectionName}:RecordsPerFile must lie between 1,000 and 1,000,000.");
        }

        if (options.MaxDelay < TimeSpan.FromMilliseconds(100) || options.MaxDelay > TimeSpan.FromSeconds(60))
        {
            failures.Add($"{ArchiveOptions.SectionName}:MaxDelay must lie between 100 ms and 60 s.");
        }

        if (options.MaxPendingOutbound is < 1_000 or > 10_000_000)
        {
            failures.Add($"{ArchiveOptions.SectionName}:MaxPendingOutbound must lie between 1,000 and 10,000,000.");
        }

        if (options.IndexPeriod < TimeSpan.FromSeconds(1) || options.IndexPeriod > TimeSpan.FromHours(1))
        {
            failures.Add($"{ArchiveOptions.SectionName}:IndexPeriod must lie between 1 s and 1 hour.");
        }

        if (options.IndexAfter < TimeSpan.Zero || options.IndexAfter > TimeSpan.FromDays(1))
        {
            failures.Add($"{ArchiveOptions.SectionName}:IndexAfter must lie between 0 and 1 day.");
        }

        if (options.IndexLookback < TimeSpan.FromHours(1) || options.IndexLookback > TimeSpan.FromDays(31))
        {
            failures.Add($"{ArchiveOptions.SectionName}:IndexLookback must lie between 1 hour and 31 days.");
        }

        if (options.RetentionDays is < 0 or > 36_500)
        {
            failures.Add($"{ArchiveOptions.SectionName}:RetentionDays must lie between 0 (keep forever) and 36,500.");
        }

        if (!ContainerName().IsMatch(options.Container) || options.Container.Contains("--", StringComparison.Ordinal))
        {
            failures.Add($"{ArchiveOptions.SectionName}:Container must be an Azure container name: 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.");
        }

        if (options.Directory is { } directory && directory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"{ArchiveOptions.SectionName}:Directory is not a valid path.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex ContainerName();
}
