// The gateway's public API as the page uses it: REST under /api/v1/crypto and the WebSocket at /ws (docs/PROTOCOL.md).
// A credential, when the gateway asks for one, lives in sessionStorage only: gone with the tab.

const CREDENTIAL = 'zvt.credential';
const REST = '/api/v1/crypto/';
const SOCKET_PATH = '/ws';

export class Unauthorized extends Error {}

export function setCredential(value) {
  sessionStorage.setItem(CREDENTIAL, value);
}

// A JWT has dots; an API key has none (the gateway reads ?access_token= the same way).
function authHeaders() {
  const credential = sessionStorage.getItem(CREDENTIAL);
  if (!credential) {
    return {};
  }
  return credential.includes('.') ? { Authorization: 'Bearer ' + credential } : { 'X-API-Key': credential };
}

export async function getJson(path) {
  const response = await fetch(REST + path, { headers: authHeaders() });
  if (response.status === 401) {
    throw new Unauthorized((await response.json()).error);
  }
  if (!response.ok) {
    throw new Error(`${path}: ${response.status} ${(await response.json()).error}`);
  }
  return response.json();
}

// Browsers cannot set headers on a WebSocket: the credential goes in the URL, as the protocol allows.
export function socketUrl() {
  const url = new URL(SOCKET_PATH, location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const credential = sessionStorage.getItem(CREDENTIAL);
  if (credential) {
    url.searchParams.set('access_token', credential);
  }
  return url.href;
}
