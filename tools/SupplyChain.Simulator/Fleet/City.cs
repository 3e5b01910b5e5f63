namespace SupplyChain.Simulator.Fleet;

/// <summary>A city the fleet drives between.</summary>
internal sealed record City(string Name, double Lat, double Lon)
{
    /// <summary>Cities of north-west Europe, real coordinates.</summary>
    public static readonly City[] All =
    [
        new("Rotterdam", 51.9225, 4.4792), new("Amsterdam", 52.3676, 4.9041), new("Antwerp", 51.2194, 4.4025),
        new("Brussels", 50.8503, 4.3517), new("Utrecht", 52.0907, 5.1214), new("Eindhoven", 51.4416, 5.4697),
        new("Duisburg", 51.4344, 6.7623), new("Cologne", 50.9375, 6.9603), new("Dusseldorf", 51.2277, 6.7735),
        new("Dortmund", 51.5136, 7.4653), new("Liege", 50.6326, 5.5797), new("Lille", 50.6292, 3.0573),
        new("Ghent", 51.0543, 3.7174), new("Nijmegen", 51.8126, 5.8372), new("Groningen", 53.2194, 6.5665),
        new("Hamburg", 53.5511, 9.9937), new("Bremen", 53.0793, 8.8017), new("Hanover", 52.3759, 9.7320),
        new("Frankfurt", 50.1109, 8.6821), new("Luxembourg", 49.6116, 6.1319),
    ];
}
