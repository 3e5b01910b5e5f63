using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;

namespace SupplyChain.Kubernetes.Tests.Infrastructure;

/// <summary>
/// A configuration source that holds nothing and writes down every key the application asks
/// for. Added last, it is asked first for every lookup (the configuration root asks sources from
/// the last added), so the record is every key the silo's code and the options binder read.
/// </summary>
public sealed class KeyRecordingSource : IConfigurationSource
{
    private readonly ConcurrentDictionary<string, byte> _keys = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the application asked for <paramref name="key"/> (configuration keys ignore case).</summary>
    public bool WasRead(string key) => _keys.ContainsKey(key);

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(_keys);

    private sealed class Provider(ConcurrentDictionary<string, byte> keys) : ConfigurationProvider
    {
        public override bool TryGet(string key, out string? value)
        {
            keys.TryAdd(key, 0);
            value = null;
            return false;
        }
    }
}
