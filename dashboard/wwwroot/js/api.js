// The dashboard server's API, as the pages use it. Every state-changing request carries the antiforgery token.
let mePromise = null;

/** Who is signed in: { name, role, mayCommand, antiforgeryToken, antiforgeryHeader }. */
export function me() {
  mePromise ??= fetch('/api/me', { credentials: 'same-origin' }).then(async (r) => {
    if (r.status === 401) {
      location.href = '/login?returnUrl=' + encodeURIComponent(location.pathname);
      throw new Error('not signed in');
    }
    return r.json();
  });
  return mePromise;
}

export async function getJson(url) {
  const r = await fetch(url, { credentials: 'same-origin' });
  return { status: r.status, body: await readBody(r) };
}

/** POSTs JSON (or, for a string body, the text as it is) with the antiforgery header. */
export async function post(url, body) {
  const who = await me();
  const headers = { [who.antiforgeryHeader]: who.antiforgeryToken, 'Content-Type': 'application/json' };
  const r = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body ?? {}),
  });
  return { status: r.status, body: await readBody(r) };
}

async function readBody(r) {
  const text = await r.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return { error: text };
  }
}
