using System.Net;
using System.Net.Http.Headers;

namespace SupplyChain.Replay.Posting;

/// <summary>
/// Posts batches to <c>POST /api/events</c> until they are accepted: 429 and 503 are tried again after
/// their <c>Retry-After</c>, other 5xx and lost connections after a backoff; any other answer stops the
/// run with the server's problem details, since posting the same batch again cannot change it.
/// </summary>
/// <param name="client">A client whose base address is the target cluster and which sends the API key.</param>
internal sealed class EventPoster(HttpClient client, int maxAttempts, TimeProvider time)
{
    private static readonly MediaTypeHeaderValue BatchType = new("application/cloudevents-batch+json");

    private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(20);

    /// <summary>Requests answered 429 or 503 so far.</summary>
    public int Throttled { get; private set; }

    /// <summary>Attempts that failed otherwise (5xx, no answer) and were tried again.</summary>
    public int Retried { get; private set; }

    /// <summary>Posts <paramref name="batch"/>; returns once the target accepted it.</summary>
    public async Task PostAsync(EventBatch batch, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                using var content = new ByteArrayContent(batch.Body);
                content.Headers.ContentType = BatchType;
                response = await client.PostAsync(new Uri("api/events", UriKind.Relative), content, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                if (attempt >= maxAttempts)
                {
                    throw new ReplayRejectedException(null, $"No answer from {client.BaseAddress} after {attempt} attempts: {ex.Message}", ex);
                }

                Retried++;
                await Task.Delay(RetryDelay.Before(attempt, null, time.GetUtcNow()), time, cancellationToken);
                continue;
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    return;
                }

                var status = response.StatusCode;
                var throttled = status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;
                if ((!throttled && (int)status < 500) || attempt >= maxAttempts)
                {
                    var problem = await response.Content.ReadAsStringAsync(cancellationToken);
                    throw new ReplayRejectedException(
                        status,
                        $"{client.BaseAddress}api/events answered {(int)status} {status} to a batch of {batch.Count} events (attempt {attempt}): {Shorten(problem)}");
                }

                if (throttled)
                {
                    Throttled++;
                }
                else
                {
                    Retried++;
                }

                // A timer may end a fraction of a millisecond before the wait by another clock, and a server
                // counting strictly would refuse an attempt that early: wait a little more than asked.
                await Task.Delay(RetryDelay.Before(attempt, response.Headers.RetryAfter, time.GetUtcNow()) + TimerSlack, time, cancellationToken);
            }
        }
    }

    private static string Shorten(string text) => text.Length <= 2_000 ? text : text[..2_000] + "…";
}
