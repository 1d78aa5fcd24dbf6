// The header bar every page shares: brand, navigation, the live-feed status, who is signed in, sign out.
// Rendered here (no inline script: the Content-Security-Policy forbids it) into the page's empty <header class="bar">.
import { me } from './api.js';
import { el } from './dom.js';

/** Renders the header bar at once (the live feed reports into its status), then fills in the user. Returns who is signed in. */
export async function header() {
  const bar = document.querySelector('header.bar');
  const nav = el('nav');
  const audit = link('/audit', 'Audit');
  audit.id = 'nav-audit';
  audit.hidden = true;
  nav.append(link('/', 'Clinic'), link('/history', 'History'), audit);
  const broker = el('span', 'broker');
  broker.id = 'broker';
  broker.setAttribute('role', 'status');
  const user = el('span', 'me');
  user.id = 'me';
  const token = el('input');
  token.type = 'hidden';
  token.name = '__RequestVerificationToken';
  const logout = el('form', 'logout');
  logout.method = 'post';
  logout.action = '/logout';
  const signOut = el('button', '', 'Sign out');
  signOut.type = 'submit';
  logout.append(token, signOut);
  const brand = link('/', 'AmpsDevice');
  brand.className = 'brand';
  bar.replaceChildren(brand, nav, broker, el('span', 'spacer'), user, logout);

  const who = await me();
  user.textContent = `${who.name} (${who.role})`;
  audit.hidden = !who.mayCommand;
  token.value = who.antiforgeryToken;
  return who;
}

function link(href, label) {
  const a = el('a', '', label);
  a.href = href;
  return a;
}
