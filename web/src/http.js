export async function call(method, path, body, timeoutMs) {
  const init = { method, signal: AbortSignal.timeout(timeoutMs) };
  if (body !== undefined) {
    init.headers = { 'Content-Type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  let response, text;
  try {
    response = await fetch(path, init);
    text = await response.text();
  } catch (error) {
    return { failure: String(error), timedOut: error?.name == 'TimeoutError' };
  }
  let json;
  try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
  return { status: response.status, ok: response.ok, retryAfter: response.headers.get('retry-after'), json };
}
