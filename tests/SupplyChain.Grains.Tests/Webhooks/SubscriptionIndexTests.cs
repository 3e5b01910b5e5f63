using SupplyChain.Contracts.Events;
using SupplyChain.Contracts.Webhooks;
using SupplyChain.Grains.Webhooks;

namespace SupplyChain.Grains.Tests.Webhooks;

public sealed class SubscriptionIndexTests
{
    private static readonly SubscriptionOwner Owner = new("test", "admin");

    private static SubscriptionEntry Entry(string id, string[]? types = null, string[]? tns = null, string[]? vehicles = null, bool enabled = true) =>
        new(id, new SubscriptionDefinition("http://127.0.0.1/hooks", types ?? [], tns ?? [], vehicles ?? [], null, Owner), enabled, DateTimeOffset.UnixEpoch);

    private static OutboundEvent Shipment(string tn, string type = EventTypes.ShipmentStatusChanged, string data = "{}") =>
        new("id-" + tn + type, type, EventTypes.ShipmentSource(tn), tn, DateTimeOffset.UnixEpoch, data);

    private static OutboundEvent Vehicle(string vehicleId, string type, string data) =>
        new("id-" + vehicleId + type, type, EventTypes.VehicleSource(vehicleId), vehicleId, DateTimeOffset.UnixEpoch, data);

    [Fact]
    public void Match_AFamily_TakesItsTypesBesideTheListedOnes()
    {
        var index = new SubscriptionIndex([
            new SubscriptionEntry("eta", new SubscriptionDefinition("http://127.0.0.1/hooks", [EventTypes.Delivered], [], [], null, Owner)
            {
                Families = [EventFamilies.Eta],
            }, true, DateTimeOffset.UnixEpoch),
        ]);

        Assert.Equal(["eta"], index.Match(Shipment("TN1", EventTypes.EtaRecalculated)));
        Assert.Equal(["eta"], index.Match(Shipment("TN1", EventTypes.ArrivingSoon)));
        Assert.Equal(["eta"], index.Match(Shipment("TN1", EventTypes.Delivered)));
        Assert.Empty(index.Match(Shipment("TN1", EventTypes.ShipmentStatusChanged)));
    }

    [Fact]
    public void Match_Facilities_NarrowToEventsNamingOne_AndNeverWidenTheOtherFilters()
    {
        SubscriptionEntry Facility(string id, string[] vehicles) =>
            new(id, new SubscriptionDefinition("http://127.0.0.1/hooks", [], [], vehicles, null, Owner) { FacilityIds = ["AMS-1"] }, true, DateTimeOffset.UnixEpoch);
        var index = new SubscriptionIndex([Facility("warehouse", []), Facility("fleet", ["V1"])]);

        Assert.Equal(["warehouse", "fleet"], index.Match(Vehicle("V1", EventTypes.GeofenceEntered, """{"vehicleId":"V1","geofenceId":"AMS-1"}""")));
        Assert.Equal(["warehouse"], index.Match(Vehicle("V2", EventTypes.GeofenceExited, """{"vehicleId":"V2","geofenceId":"AMS-1"}""")));
        Assert.Equal(["warehouse"], index.Match(Shipment("TN1", EventTypes.ArrivingSoon, """{"trackingNumber":"TN1","facilityId":"AMS-1"}""")));
        Assert.Empty(index.Match(Vehicle("V1", EventTypes.GeofenceEntered, """{"vehicleId":"V1","geofenceId":"RTM-1"}""")));
        Assert.Empty(index.Match(Shipment("TN1", EventTypes.ShipmentStatusChanged, """{"trackingNumber":"TN1"}""")));
    }

    [Fact]
    public void Match_NoFilters_TakesEverything()
    {
        var index = new SubscriptionIndex([Entry("all")]);

        Assert.Equal(["all"], index.Match(Shipment("TN1")));
        Assert.Equal(["all"], index.Match(Vehicle("V1", EventTypes.GeofenceEntered, """{"vehicleId":"V1"}""")));
    }

    [Fact]
    public void Match_TypeFilter_TakesOnlyThoseTypes()
    {
        var index = new SubscriptionIndex([Entry("delivered", types: [EventTypes.Delivered])]);

        Assert.Empty(index.Match(Shipment("TN1")));
        Assert.Equal(["delivered"], index.Match(Shipment("TN1", EventTypes.Delivered)));
    }

    [Fact]
    public void Match_TrackingNumbers_BySubjectOrByTheVehicleEventsData()
    {
        var index = new SubscriptionIndex([Entry("tn1", tns: ["TN1"])]);

        Assert.Equal(["tn1"], index.Match(Shipment("TN1")));
        Assert.Empty(index.Match(Shipment("TN2")));
        Assert.Equal(["tn1"], index.Match(Vehicle("V1", EventTypes.GeofenceBreached, """{"vehicleId":"V1","trackingNumbers":["TN0","TN1"]}""")));
        Assert.Empty(index.Match(Vehicle("V1", EventTypes.GeofenceEntered, """{"vehicleId":"V1","geofenceId":"z"}""")));
    }

    [Fact]
    public void Match_VehicleIds_BySubjectOrByTheShipmentEventsData()
    {
        var index = new SubscriptionIndex([Entry("v1", vehicles: ["V1"])]);

        Assert.Equal(["v1"], index.Match(Vehicle("V1", EventTypes.GeofenceEntered, """{"vehicleId":"V1"}""")));
        Assert.Empty(index.Match(Vehicle("V2", EventTypes.GeofenceEntered, """{"vehicleId":"V2"}""")));
        Assert.Equal(["v1"], index.Match(Shipment("TN1", EventTypes.GeofenceBreached, """{"vehicleId":"V1","trackingNumbers":["TN1"]}""")));
        Assert.Empty(index.Match(Shipment("TN1")));
    }

    [Fact]
    public void Match_TypeAndSubjects_BothMustHold_SubjectListsEitherWay()
    {
        var index = new SubscriptionIndex([Entry("s", types: [EventTypes.Delivered], tns: ["TN1"], vehicles: ["V1"])]);

        Assert.Equal(["s"], index.Match(Shipment("TN1", EventTypes.Delivered)));
        Assert.Empty(index.Match(Shipment("TN1")));
        Assert.Empty(index.Match(Shipment("TN2", EventTypes.Delivered)));
    }

    [Fact]
    public void Match_DisabledSubscription_TakesNothing()
    {
        var index = new SubscriptionIndex([Entry("off", enabled: false), Entry("on")]);

        Assert.Equal(["on"], index.Match(Shipment("TN1")));
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void Match_UnreadableData_NamesOnlyTheSubject()
    {
        var index = new SubscriptionIndex([Entry("tn1", tns: ["TN1"])]);

        Assert.Empty(index.Match(Vehicle("V1", EventTypes.NoMovementDetected, "{not json")));
        Assert.Equal(["tn1"], index.Match(Shipment("TN1", EventTypes.Delivered, "[1,2]")));
    }
}
