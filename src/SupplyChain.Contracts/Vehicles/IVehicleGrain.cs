namespace SupplyChain.Contracts.Vehicles;

/// <summary>One vehicle, keyed by its id.</summary>
[Alias("sc.IVehicleGrain")]
public interface IVehicleGrain : IGrainWithStringKey
{
    /// <summary>Applies a ping: what it did to the vehicle and which events it raised.</summary>
    [Alias("ApplyPing")]
    Task<PingOutcome> ApplyPing(PingReceived ping);

    /// <summary>The vehicle now carries <paramref name="trackingNumber"/>.</summary>
    [Alias("Carry")]
    Task Carry(string trackingNumber);

    /// <summary>The vehicle no longer carries <paramref name="trackingNumber"/>.</summary>
    [Alias("Release")]
    Task Release(string trackingNumber);

    /// <summary>The vehicle as the API shows it, or null when it never reported.</summary>
    [Alias("GetView")]
    Task<VehicleView?> GetView();
}
