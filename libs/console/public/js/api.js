// The REST API as the console calls it: the key from this tab's sessionStorage, problem+json errors as ProblemError.
const KEY = 'isac.apiKey';

export const session = {
  key: () => sessionStorage.getItem(KEY),
  set: (key) => sessionStorage.setItem(KEY, key),
  clear: () => sessionStorage.removeItem(KEY),
};

export class ProblemError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code;
    this.errors = Array.isArray(problem?.errors) ? problem.errors : [];
  }
}

export async function request(path, { method = 'GET', body, contentType = 'application/json', headers = {} } = {}) {
  const init = { method, headers: { Accept: 'application/json', Authorization: `Bearer ${session.key()}`, ...headers }, cache: 'no-store' };
  if (body !== undefined) {
    init.headers['Content-Type'] = contentType;
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const res = await fetch(`/api/v1${path}`, init);
  if (!res.ok) {
    let problem = null;
    try {
      problem = await res.json();
    } catch {
      problem = { title: res.statusText };
    }
    const error = new ProblemError(res.status, problem);
    if (res.status === 401) window.dispatchEvent(new CustomEvent('isac:unauthorised', { detail: error }));
    throw error;
  }
  return res;
}

export async function api(path, options) {
  const res = await request(path, options);
  return res.status === 204 ? null : res.json();
}

/** Fetches a file with the key and hands it to the browser as a download. */
export async function download(path, filename) {
  const res = await request(path, { headers: { Accept: '*/*' } });
  const url = URL.createObjectURL(await res.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
