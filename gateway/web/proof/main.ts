import { ProofPageDocument, QurbaniClient, SignInDocument, type ProofPageQuery } from '@qurbani/sdk';
import { el } from '../dashboard/view.js';
import { pickLang, WORDS } from './words.js';

/**
 * The page a certificate's QR code opens (`/proof/<sacrificeId>`): the donor signs in and sees the
 * sacrifice made in their name and its blurred proof video. Everything comes from `/graphql` with
 * the donor's own token, so a stranger holding the link sees nothing.
 */
const lang = pickLang(location.search, navigator.language);
const words = WORDS[lang];
document.documentElement.lang = lang;
document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
document.title = words.title;
const api = `${location.origin}/graphql`;
const TOKEN_KEY = 'qurbani.proof.token';
const sacrificeId = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() ?? '');
const app = document.getElementById('app')!;

function showSignIn(message?: string) {
  const login = el('input', { name: 'login', autocomplete: 'username', 'data-testid': 'login' }) as HTMLInputElement;
  const password = el('input', {
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    'data-testid': 'password',
  }) as HTMLInputElement;
  const error = el('p', { class: 'error', 'data-testid': 'error' }, message ?? '');
  const form = el(
    'form',
    {},
    el('label', {}, words.login, login),
    el('label', {}, words.password, password),
    el('button', { type: 'submit', 'data-testid': 'sign-in' }, words.signIn),
    error,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    new QurbaniClient(api)
      .request(SignInDocument, { login: login.value, password: password.value })
      .then(({ signIn }) => {
        sessionStorage.setItem(TOKEN_KEY, signIn.accessToken);
        void show(signIn.accessToken);
      })
      .catch((e: Error) => (error.textContent = e.message));
  });
  app.replaceChildren(form);
}

function localTime(at: string, timeZone: string): string {
  return new Intl.DateTimeFormat(lang === 'ar' ? 'ar-EG' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(at));
}

function render(s: NonNullable<ProofPageQuery['sacrifice']>) {
  const row = (label: string, value: string, testId: string) => [
    el('dt', {}, label),
    el('dd', { 'data-testid': testId }, value),
  ];
  const details = el(
    'dl',
    {},
    ...row(words.names, s.namesToPronounce.join(' · '), 'names'),
    ...row(words.species, `${s.species}${s.animal ? ` (${s.animal.tag})` : ''}`, 'species'),
    ...row(words.site, `${s.site.name}, ${s.site.region}`, 'site'),
    ...row(
      words.performedAt,
      s.performedAt ? localTime(s.performedAt, s.site.timeZone) : words.notPerformed,
      'performed-at',
    ),
    ...row(words.status, s.status, 'status'),
  );
  const file = s.video?.playback?.fileUrl;
  const proof = file
    ? el('video', {
        controls: '',
        preload: 'metadata',
        src: file,
        poster: s.video?.playback?.thumbnailUrl ?? '',
        'data-testid': 'video',
      })
    : el('p', { class: 'note', 'data-testid': 'video-waiting' }, words.videoWaiting);
  app.replaceChildren(details, proof);
}

async function show(token: string) {
  const result = await new QurbaniClient(api, token).execute(ProofPageDocument, { id: sacrificeId });
  const code = result.errors?.[0]?.extensions?.code;
  if (code === 'UNAUTHENTICATED') return showSignIn();
  if (!result.data?.sacrifice) return showSignIn(words.notYours);
  render(result.data.sacrifice);
}

const saved = sessionStorage.getItem(TOKEN_KEY);
if (saved) void show(saved);
else showSignIn();
