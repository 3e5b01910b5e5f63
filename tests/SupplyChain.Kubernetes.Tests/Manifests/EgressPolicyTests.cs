using System.Net;
using k8s.Models;
using SupplyChain.Kubernetes.Tests.Infrastructure;

namespace SupplyChain.Kubernetes.Tests.Manifests;

/// <summary>
/// What the silo pods may open: DNS, the other silos, TCP 443 and 5671 to public addresses, the
/// Kubernetes API server, and nothing of the cloud metadata endpoint or the private ranges
/// whatever the application would do.
/// </summary>
public sealed class EgressPolicyTests
{
    public static TheoryData<string> Kustomizations => Kustomize.All();

    /// <summary>Where API servers listen: 443 (managed clusters, the Service), 6443 (kubeadm, kind), 8443 (minikube).</summary>
    private static readonly string[] ApiServerPorts = ["TCP/443", "TCP/6443", "TCP/8443"];

    /// <summary>What the public rule must leave out: the metadata endpoint and every private or local range.</summary>
    private static readonly string[] Excepted =
        ["169.254.169.254/32", "169.254.0.0/16", "127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"];

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Egress_Restricted_EveryRuleNamesItsPeersAndPorts(string kustomization)
    {
        var manifests = await Kustomize.RenderAsync(kustomization);
        var egress = SiloEgress.Of(manifests);

        Assert.Contains(egress.Policies, p => p.Metadata.Name == "supplychain-silo-egress");
        Assert.Contains(egress.Policies, p => p.Metadata.Name == "supplychain-silo-kubernetes-api");
        Assert.All(egress.Policies, p => Assert.Equal(["Egress"], p.Spec.PolicyTypes));
        // A rule without peers would allow every destination, one without ports every port.
        Assert.All(egress.Rules, rule =>
        {
            Assert.NotEmpty(rule.To ?? []);
            Assert.NotEmpty(rule.Ports ?? []);
            Assert.All(rule.Ports ?? [], port => Assert.False(port.Port is null, "a rule port without a number or name"));
        });
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Egress_Dns_ToTheClusterDnsPodsOnly(string kustomization)
    {
        var egress = SiloEgress.Of(await Kustomize.RenderAsync(kustomization));

        var dns = Assert.Single(egress.Rules, rule => rule.Ports.Any(p => p.Port.Value == "53"));
        Assert.Equal(["TCP/53", "UDP/53"], dns.Ports.Select(p => $"{p.Protocol}/{p.Port.Value}").Order(StringComparer.Ordinal));
        var peer = Assert.Single(dns.To);
        Assert.Null(peer.IpBlock);
        Assert.Equal(new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = "kube-system" }, peer.NamespaceSelector.MatchLabels);
        Assert.Equal(new Dictionary<string, string> { ["k8s-app"] = "kube-dns" }, peer.PodSelector.MatchLabels);
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Egress_SiloAndGatewayPorts_ToTheOtherSilosOnly(string kustomization)
    {
        var manifests = await Kustomize.RenderAsync(kustomization);
        var egress = SiloEgress.Of(manifests);
        var podLabels = manifests.SiloDeployment.Spec.Template.Metadata.Labels;

        var silos = Assert.Single(egress.Rules, rule => rule.To.Any(peer => SiloEgress.Selects(peer.PodSelector, podLabels)));
        var peer = Assert.Single(silos.To);
        Assert.Null(peer.NamespaceSelector);
        Assert.Null(peer.IpBlock);
        Assert.Equal(["TCP/gateway", "TCP/silo"], silos.Ports.Select(p => $"{p.Protocol}/{p.Port.Value}").Order(StringComparer.Ordinal));
        Assert.All(silos.Ports, port => Assert.Contains(manifests.Silo.Ports, declared => declared.Name == port.Port.Value));
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Egress_PublicRule_HttpsAndAmqps_ExceptTheMetadataEndpointAndPrivateRanges(string kustomization)
    {
        var egress = SiloEgress.Of(await Kustomize.RenderAsync(kustomization));

        var blocks = egress.Rules.SelectMany(rule => rule.To.Select(peer => (rule, peer.IpBlock))).Where(x => x.IpBlock?.Cidr == "0.0.0.0/0").ToList();
        var (publicRule, block) = Assert.Single(blocks);
        Assert.Equal(Excepted.Order(StringComparer.Ordinal), block.Except.Order(StringComparer.Ordinal));
        Assert.Equal(["TCP/443", "TCP/5671"], publicRule.Ports.Select(p => $"{p.Protocol}/{p.Port.Value}").Order(StringComparer.Ordinal));
        // IPv6 has no rule: denied rather than judged by a second list of ranges.
        Assert.DoesNotContain(egress.Rules.SelectMany(rule => rule.To), peer => peer.IpBlock?.Cidr.Contains(':', StringComparison.Ordinal) == true);
    }

    public static TheoryData<string, string, int, string, bool> Connections()
    {
        (string Address, int Port, string Protocol, bool Allowed)[] table =
        [
            ("20.60.0.1", 443, "TCP", true),         // Azure Storage and webhooks
            ("8.8.8.8", 443, "TCP", true),
            ("40.64.0.1", 5671, "TCP", true),        // Event Hubs over AMQP
            ("8.8.8.8", 80, "TCP", false),
            ("8.8.8.8", 22, "TCP", false),
            ("8.8.8.8", 443, "UDP", false),
            ("169.254.169.254", 443, "TCP", false),  // cloud metadata, on every port
            ("169.254.169.254", 80, "TCP", false),
            ("169.254.1.1", 443, "TCP", false),
            ("127.0.0.1", 443, "TCP", false),
            ("10.1.2.3", 443, "TCP", false),
            ("10.0.0.1", 5671, "TCP", false),
            ("172.16.0.1", 443, "TCP", false),
            ("172.31.255.255", 443, "TCP", false),
            ("192.168.1.1", 443, "TCP", false),
            ("100.64.0.1", 443, "TCP", false),
            ("100.127.255.254", 5671, "TCP", false),
        ];
        var data = new TheoryData<string, string, int, string, bool>();
        foreach (var kustomization in Kustomize.All().Select(row => row.Data))
        {
            foreach (var (address, port, protocol, allowed) in table)
            {
                data.Add(kustomization, address, port, protocol, allowed);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Connections))]
    public async Task Egress_Connection_AllowedOnlyToPublicAddressesOnTheirPorts(string kustomization, string address, int port, string protocol, bool allowed)
    {
        var egress = SiloEgress.Of(await Kustomize.RenderAsync(kustomization));

        Assert.Equal(allowed, egress.Allows(IPAddress.Parse(address), port, protocol));
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task Egress_KubernetesApi_ItsOwnPolicy_NarrowAddressesOnApiServerPorts(string kustomization)
    {
        var manifests = await Kustomize.RenderAsync(kustomization);
        var api = manifests.Named<V1NetworkPolicy>("supplychain-silo-kubernetes-api");

        Assert.True(SiloEgress.Selects(api.Spec.PodSelector, manifests.SiloDeployment.Spec.Template.Metadata.Labels));
        var peers = api.Spec.Egress.SelectMany(rule => rule.To).ToList();
        Assert.All(peers, peer =>
        {
            Assert.NotNull(peer.IpBlock);
            Assert.InRange(System.Net.IPNetwork.Parse(peer.IpBlock.Cidr).PrefixLength, 12, 32);
        });
        Assert.All(api.Spec.Egress.SelectMany(rule => rule.Ports), port => Assert.Contains($"{port.Protocol}/{port.Port.Value}", ApiServerPorts));
    }

    [Theory]
    [InlineData("k8s/overlays/local", "10.96.0.1", 443, true)]      // the API Service of kind and minikube
    [InlineData("k8s/overlays/local", "172.18.0.2", 6443, true)]    // kind's control plane
    [InlineData("k8s/overlays/local", "192.168.49.2", 8443, true)]  // minikube's
    [InlineData("k8s/overlays/local", "172.18.0.2", 443, false)]
    [InlineData("k8s/overlays/local", "10.96.0.2", 443, false)]
    [InlineData("k8s/overlays/local", "10.0.0.1", 6443, false)]
    [InlineData("k8s/overlays/production", "10.96.0.1", 443, false)]
    [InlineData("k8s/overlays/production", "172.18.0.2", 6443, false)]
    public async Task Egress_KubernetesApi_WhereEachOverlayReachesIt(string kustomization, string address, int port, bool allowed)
    {
        var egress = SiloEgress.Of(await Kustomize.RenderAsync(kustomization));

        Assert.Equal(allowed, egress.Allows(IPAddress.Parse(address), port));
    }

    [Fact]
    public async Task Egress_KubernetesApi_ProductionNamesSingleAddresses()
    {
        // The operator replaces the placeholder with the API server's own addresses, one by one.
        var api = (await Kustomize.RenderAsync("k8s/overlays/production")).Named<V1NetworkPolicy>("supplychain-silo-kubernetes-api");

        var blocks = api.Spec.Egress.SelectMany(rule => rule.To).Select(peer => peer.IpBlock).ToList();
        Assert.NotEmpty(blocks);
        Assert.All(blocks, block => Assert.EndsWith("/32", block.Cidr, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Egress_LocalOverlay_AzuritePortsToAzuritePods()
    {
        var manifests = await Kustomize.RenderAsync("k8s/overlays/local");
        var azurite = manifests.Named<V1Deployment>("azurite");
        var policy = manifests.Named<V1NetworkPolicy>("supplychain-silo-azurite");

        var rule = Assert.Single(policy.Spec.Egress);
        var peer = Assert.Single(rule.To);
        Assert.True(SiloEgress.Selects(peer.PodSelector, azurite.Spec.Template.Metadata.Labels));
        Assert.Null(peer.NamespaceSelector);
        var declared = azurite.Spec.Template.Spec.Containers.Single().Ports.Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(declared, rule.Ports.Select(p => p.Port.Value).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Kustomizations))]
    public async Task ServiceAccountToken_MountedOnlyInTheSiloPod_WhichCallsTheApiServer(string kustomization)
    {
        var manifests = await Kustomize.RenderAsync(kustomization);
        var silo = manifests.SiloDeployment;

        Assert.False(manifests.Named<V1ServiceAccount>(silo.Spec.Template.Spec.ServiceAccountName).AutomountServiceAccountToken);
        Assert.True(silo.Spec.Template.Spec.AutomountServiceAccountToken);
        Assert.All(manifests.OfKind<V1Deployment>().Where(d => d != silo), other =>
            Assert.False(other.Spec.Template.Spec.AutomountServiceAccountToken, $"{other.Metadata.Name} mounts a token it does not use"));
    }
}
