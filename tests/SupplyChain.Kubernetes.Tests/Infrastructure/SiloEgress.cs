using System.Globalization;
using System.Net;
using k8s.Models;

namespace SupplyChain.Kubernetes.Tests.Infrastructure;

/// <summary>
/// What a render lets the silo pods open, read the way Kubernetes adds NetworkPolicies up: once any
/// Egress policy selects a pod, a connection goes out only when some rule of some such policy allows it.
/// </summary>
public sealed class SiloEgress
{
    private SiloEgress(IReadOnlyList<V1NetworkPolicy> policies) => Policies = policies;

    /// <summary>The policies of the render that select the silo pods and restrict their egress.</summary>
    public IReadOnlyList<V1NetworkPolicy> Policies { get; }

    /// <summary>Their rules, all together.</summary>
    public IEnumerable<V1NetworkPolicyEgressRule> Rules => Policies.SelectMany(p => p.Spec.Egress ?? []);

    public static SiloEgress Of(RenderedManifests manifests)
    {
        var podLabels = manifests.SiloDeployment.Spec.Template.Metadata.Labels;
        return new SiloEgress([.. manifests.OfKind<V1NetworkPolicy>()
            .Where(p => p.Spec.PolicyTypes?.Contains("Egress") == true && Selects(p.Spec.PodSelector, podLabels))]);
    }

    /// <summary>
    /// Whether a silo may connect to <paramref name="address"/> on <paramref name="port"/>, an address
    /// outside the cluster's pods: only ipBlock peers can allow it, and only on numbered ports (a
    /// named port is looked up in the destination pod, which such an address is not).
    /// </summary>
    public bool Allows(IPAddress address, int port, string protocol = "TCP") =>
        Rules.Any(rule => (rule.To ?? []).Any(peer => Contains(peer.IpBlock, address))
            && (rule.Ports is null or { Count: 0 } || rule.Ports.Any(p => Matches(p, port, protocol))));

    public static bool Selects(V1LabelSelector? selector, IDictionary<string, string> labels) =>
        selector is not null
        && selector.MatchExpressions is null or { Count: 0 }
        && selector.MatchLabels is { Count: > 0 }
        && selector.MatchLabels.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value);

    private static bool Contains(V1IPBlock? block, IPAddress address) =>
        block is not null
        && System.Net.IPNetwork.Parse(block.Cidr).Contains(address)
        && !(block.Except ?? []).Any(except => System.Net.IPNetwork.Parse(except).Contains(address));

    private static bool Matches(V1NetworkPolicyPort rule, int port, string protocol)
    {
        if (!string.Equals(rule.Protocol ?? "TCP", protocol, StringComparison.Ordinal))
        {
            return false;
        }

        if (rule.Port?.Value is not { } value)
        {
            return true;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            && port >= first && port <= (rule.EndPort ?? first);
    }
}
