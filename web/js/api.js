// Requests to the hub's JSON routes, with the hub's error text in words.

const UNREACHABLE = 'The hub did not answer; check the connection and try again.';

/**
 * Sends a request and reads the JSON answer. Resolves to {ok, status, body, error}
 * where error is the hub's own {"error"} text (or a description of the status);
 * rejects with an Error in words when the hub cannot be reached.
 */
export async function requestJson(path, { method = 'GET', body, headers = {} } = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      cache: 'no-store',
      headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new Error(UNREACHABLE);
  }
  let answer = {};
  try {
    answer = await response.json();
  } catch {
    // An answer without a JSON body is described by its status below.
  }
  const error = typeof answer?.error === 'string' ? answer.error : `the hub answered ${response.status}`;
  return { ok: response.ok, status: response.status, body: answer, error };
}
