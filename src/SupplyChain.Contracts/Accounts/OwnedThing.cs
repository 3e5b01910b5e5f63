namespace SupplyChain.Contracts.Accounts;

/// <summary>A shipment or a vehicle, as the ownership grains key it.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Id">Its tracking number or vehicle id.</param>
public readonly record struct OwnedThing(OwnedKind Kind, string Id)
{
    /// <summary>A shipment by tracking number.</summary>
    public static OwnedThing Shipment(string trackingNumber) => new(OwnedKind.Shipment, trackingNumber);

    /// <summary>A vehicle by id.</summary>
    public static OwnedThing Vehicle(string vehicleId) => new(OwnedKind.Vehicle, vehicleId);

    /// <summary>The ownership grain's key: the kind and the id, which the identifier rule keeps free of '/'.</summary>
    public string Key => (Kind == OwnedKind.Shipment ? "shipment/" : "vehicle/") + Id;

    /// <summary>How problem details name it.</summary>
    public override string ToString() => Kind == OwnedKind.Shipment ? $"shipment '{Id}'" : $"vehicle '{Id}'";
}

/// <summary>The kinds of things an account owns.</summary>
public enum OwnedKind
{
    /// <summary>A shipment, by tracking number.</summary>
    Shipment,

    /// <summary>A vehicle, by vehicle id.</summary>
    Vehicle,
}
