using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupplyChain.Replay.Replaying;

/// <summary>
/// Where a replay stands, kept in a small JSON file after each accepted batch: every hour before
/// <see cref="Hour"/> is done, and of <see cref="Hour"/> the first <see cref="Position"/> events in
/// replay order (valid only for the same <see cref="Files"/>). What it was started with is kept too,
/// so a run with other settings does not continue someone else's position.
/// </summary>
internal sealed record ReplayProgress(
    string Archive,
    string Target,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset Hour,
    string? Files,
    int Position,
    long Posted,
    bool Completed)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>The progress in <paramref name="path"/>, or null when there is no such file.</summary>
    public static async Task<ReplayProgress?> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        await using var file = File.OpenRead(path);
        try
        {
            return await JsonSerializer.DeserializeAsync<ReplayProgress>(file, Json, cancellationToken)
                ?? throw new InvalidDataException($"The progress file {path} is empty; delete it to start over.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The progress file {path} is not a replay's progress ({ex.Message}); delete it to start over.", ex);
        }
    }

    /// <summary>Writes the progress to <paramref name="path"/> whole: a temporary file renamed over the old one, so a crash leaves one or the other.</summary>
    public async Task SaveAsync(string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        await using (var file = File.Create(temporary))
        {
            await JsonSerializer.SerializeAsync(file, this, Json, cancellationToken);
        }

        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>Why this progress does not belong to a run of these settings, or null when it does.</summary>
    public string? Mismatch(string archive, string target, DateTimeOffset from, DateTimeOffset to) =>
        Archive != archive ? $"it is of archive {Archive}, not {archive}"
        : Target != target ? $"it is of target {Target}, not {target}"
        : From != from || To != to ? $"it is of the range {From:O} to {To:O}, not {from:O} to {to:O}"
        : null;
}
