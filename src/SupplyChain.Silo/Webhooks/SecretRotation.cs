namespace SupplyChain.Silo.Webhooks;

/// <summary>
/// The optional body of <c>POST /api/subscriptions/{id}/secret/rotate</c>: how long, in seconds, the
/// previous secret keeps signing (0 stops it at once); absent means the configured overlap, which
/// is also the most a request may ask for.
/// </summary>
public sealed record SecretRotationRequest(long? OverlapSeconds);

/// <summary>
/// The answer to a rotation: the new secret, shown only here, and when the previous secret stops
/// signing deliveries (until then each delivery carries both signatures).
/// </summary>
public sealed record SecretRotationResponse(string Id, string Secret, DateTimeOffset PreviousSecretExpiresAt);
