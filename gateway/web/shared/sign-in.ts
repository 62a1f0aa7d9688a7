import { QurbaniClient, SignInDocument } from '@qurbani/sdk';
import { el } from './dom.js';

export interface SignInOptions {
  /** The gateway's `/graphql`. */
  api: string;
  words: { login: string; password: string; signIn: string };
  /** Where the access token is kept for this tab (`sessionStorage`). */
  tokenKey: string;
  /** Shown under the form, e.g. why the last attempt was refused. */
  message?: string;
  className?: string;
  onSignedIn(accessToken: string): void;
}

/** The sign-in form of the gateway's pages: signs in through the SDK and keeps the token for this tab. */
export function signInForm(options: SignInOptions): HTMLElement {
  const { words } = options;
  const login = el('input', { name: 'login', autocomplete: 'username', 'data-testid': 'login' }) as HTMLInputElement;
  const password = el('input', {
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    'data-testid': 'password',
  }) as HTMLInputElement;
  const error = el('p', { class: 'error', 'data-testid': 'error' }, options.message ?? '');
  const form = el(
    'form',
    options.className ? { class: options.className } : {},
    el('label', {}, words.login, login),
    el('label', {}, words.password, password),
    el('button', { type: 'submit', 'data-testid': 'sign-in' }, words.signIn),
    error,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    new QurbaniClient(options.api)
      .request(SignInDocument, { login: login.value, password: password.value })
      .then(({ signIn }) => {
        sessionStorage.setItem(options.tokenKey, signIn.accessToken);
        options.onSignedIn(signIn.accessToken);
      })
      .catch((e: Error) => (error.textContent = e.message));
  });
  return form;
}
