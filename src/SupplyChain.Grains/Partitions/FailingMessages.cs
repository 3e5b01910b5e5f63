using Orleans.Streams;
using SupplyChain.Contracts.Ingestion;

namespace SupplyChain.Grains.Partitions;

/// <summary>
/// A partition grain's failing messages, by the sequence token their deliveries carry. A token names
/// a message only within one reading of its queue: Azure Queue's receiver numbers the messages it
/// reads from zero each time an agent takes the queue (a silo died, the queues were rebalanced), and a
/// message read again after its visibility timeout gets a new number. So an entry answers only for
/// the message it was made for: taken for another one, its applied flags skipped that message's
/// events as delivered (acknowledged pings lost after a silo was killed), or ran past its end and
/// failed every delivery. Not thread safe: it belongs to one partition grain activation.
/// </summary>
internal sealed class FailingMessages(int limit)
{
    private readonly Dictionary<StreamSequenceToken, FailingMessage> _byToken = [];

    /// <summary>Messages remembered now.</summary>
    public int Count => _byToken.Count;

    /// <summary>What is remembered of the message of <paramref name="events"/> delivered under <paramref name="token"/>; null for a message not seen failing.</summary>
    public FailingMessage? Of(StreamSequenceToken? token, IReadOnlyList<InboundEvent> events)
    {
        if (token is null || !_byToken.TryGetValue(token, out var failing))
        {
            return null;
        }

        if (failing.Holds(events))
        {
            return failing;
        }

        // Another message under a token a failing one had: the earlier one comes again under a new token, if ever.
        _byToken.Remove(token);
        return null;
    }

    /// <summary>
    /// Remembers <paramref name="failing"/> under <paramref name="token"/>. Beyond the limit the others
    /// are forgotten: their messages are delivered whole again, more retries and never fewer.
    /// </summary>
    public void Remember(StreamSequenceToken? token, FailingMessage failing)
    {
        if (token is null)
        {
            return;
        }

        if (_byToken.Count >= limit && !_byToken.ContainsKey(token))
        {
            _byToken.Clear();
        }

        _byToken[token] = failing;
    }

    /// <summary>Forgets the message delivered under <paramref name="token"/>: its delivery succeeded.</summary>
    public void Forget(StreamSequenceToken? token)
    {
        if (token is not null)
        {
            _byToken.Remove(token);
        }
    }
}
