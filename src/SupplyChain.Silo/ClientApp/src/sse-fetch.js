// Server-Sent Events over fetch(). EventSource cannot send headers, and the ops feed wants the
// admin key in X-Api-Key (a key in the URL would land in access logs and browser history), so
// this reads the stream itself: the same wire format, parsed line by line as it arrives.

/**
 * Opens `url` with `headers` and calls `onEvent({type, id, data})` for each message,
 * reconnecting with backoff after a drop. `onState(state, detail)` hears 'connecting', 'open',
 * 'retrying' and 'unauthorized' (401/403: no retry; the caller asks for a key again).
 * Returns a function that closes the feed.
 */
export function openEventStream(url, { headers = {}, onEvent, onState = () => {} }) {
  let controller = null;
  let closed = false;
  let retryMs = 1_000;
  let lastEventId = '';

  const run = async () => {
    while (!closed) {
      controller = new AbortController();
      onState('connecting');
      try {
        const requestHeaders = { Accept: 'text/event-stream', ...headers };
        if (lastEventId) requestHeaders['Last-Event-ID'] = lastEventId;
        const response = await fetch(url, { headers: requestHeaders, signal: controller.signal, cache: 'no-store' });
        if (response.status === 401 || response.status === 403) {
          onState('unauthorized', response.status);
          return;
        }
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        onState('open');
        retryMs = 1_000;
        await read(response.body, (message) => {
          if (message.id) lastEventId = message.id;
          if (message.retry) retryMs = message.retry;
          if (message.data !== undefined) onEvent(message);
        });
      } catch (error) {
        if (closed) return;
      }
      if (closed) return;
      onState('retrying', retryMs);
      await new Promise((resolve) => setTimeout(resolve, retryMs));
      retryMs = Math.min(retryMs * 2, 30_000);
    }
  };

  run();
  return () => {
    closed = true;
    controller?.abort();
  };
}

/** Parses an SSE body (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation). */
async function read(body, dispatch) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let message = { type: 'message', data: undefined, id: '' };
  const dataLines = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let newline;
    while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
      // A CR at the end of a chunk may be half of a CRLF: wait for the next chunk.
      if (buffer[newline] === '\r' && newline === buffer.length - 1) break;
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer[newline] === '\r' && buffer[newline + 1] === '\n' ? 2 : 1));
      if (line === '') {
        if (dataLines.length > 0) dispatch({ ...message, data: dataLines.join('\n') });
        dataLines.length = 0;
        message = { type: 'message', data: undefined, id: message.id };
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'data') dataLines.push(value);
      else if (field === 'event') message.type = value || 'message';
      else if (field === 'id' && !value.includes('\0')) message.id = value;
      else if (field === 'retry' && /^\d+$/.test(value)) message.retry = Number(value);
    }
  }
}
