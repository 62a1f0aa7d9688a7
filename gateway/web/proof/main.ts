import { ProofPageDocument, QurbaniClient, type ProofPageQuery } from '@qurbani/sdk';
import { el } from '../shared/dom.js';
import { pageLanguage } from '../shared/page.js';
import { signInForm } from '../shared/sign-in.js';
import { WORDS } from './words.js';

/**
 * The page a certificate's QR code opens (`/proof/<sacrificeId>`): the donor signs in and sees the
 * sacrifice made in their name and its blurred proof video. Everything comes from `/graphql` with
 * the donor's own token, so a stranger holding the link sees nothing.
 */
const { lang, words } = pageLanguage(WORDS);
const api = `${location.origin}/graphql`;
const TOKEN_KEY = 'qurbani.proof.token';
const sacrificeId = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() ?? '');
const app = document.getElementById('app')!;

function showSignIn(message?: string) {
  app.replaceChildren(
    signInForm({ api, words, tokenKey: TOKEN_KEY, message, onSignedIn: (token) => void show(token) }),
  );
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
