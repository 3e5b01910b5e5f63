namespace SupplyChain.Silo.Audit;

/// <summary>
/// Endpoint metadata: the endpoint takes event posts, so its audit records carry an outcome, and a
/// source named in binary mode's <c>ce-source</c> header when the request was refused before its body
/// was read (no key, the rate limits, a content type that is not CloudEvents).
/// </summary>
internal sealed class SummarizedEventPost
{
    public static readonly SummarizedEventPost Instance = new();

    private SummarizedEventPost()
    {
    }
}
