import {
  DashboardSeasonsDocument,
  QurbaniClient,
  QurbaniLive,
  SeasonDashboardDocument,
  SeasonDashboardUpdatedDocument,
  SignInDocument,
  type DashboardFiguresFragment,
} from '@qurbani/sdk';
import { DashboardCharts } from './charts.js';
import { pickLang, WORDS } from './i18n.js';
import { el, renderCounts, renderSites, renderTiles } from './view.js';

/**
 * The organizer's dashboard page: signs in with the SDK, reads `seasonDashboard`, then follows
 * `seasonDashboardUpdated` over graphql-ws. Everything it loads comes from this gateway.
 */
const lang = pickLang(location.search, navigator.language);
const words = WORDS[lang];
document.documentElement.lang = lang;
document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
document.title = words.title;
const api = `${location.origin}/graphql`;
const TOKEN_KEY = 'qurbani.dashboard.token';
const $ = (id: string) => document.getElementById(id)!;

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
    { class: 'sign-in' },
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
        void start(signIn.accessToken);
      })
      .catch((e: Error) => (error.textContent = e.message));
  });
  $('app').replaceChildren(form);
}

async function start(token: string) {
  const client = new QurbaniClient(api, token);
  const { seasons } = await client.request(DashboardSeasonsDocument, {}).catch(() => ({ seasons: null }));
  if (!seasons) return showSignIn(words.notOrganizer);
  const asked = new URLSearchParams(location.search).get('season');
  const season = seasons.edges.find((e) => e.node.id === asked)?.node ?? seasons.edges[0]?.node;
  if (!season) return $('app').replaceChildren(el('p', {}, words.noSeason));
  const template = $('dashboard-template') as HTMLTemplateElement;
  $('app').replaceChildren(template.content.cloneNode(true));
  for (const node of document.querySelectorAll<HTMLElement>('[data-word]'))
    node.textContent = (words as unknown as Record<string, string>)[node.dataset.word!] ?? '';
  $('season-name').textContent = `${words.season}: ${season.name} (${season.hijriYear})`;
  const charts = new DashboardCharts(
    {
      progress: $('progress') as HTMLCanvasElement,
      backlog: $('backlog') as HTMLCanvasElement,
      hides: $('hides') as HTMLCanvasElement,
    },
    words,
    lang === 'ar',
  );
  const show = (d: DashboardFiguresFragment) => {
    renderTiles($('tiles'), d, words, lang);
    renderSites($('sites'), d, words, lang);
    renderCounts($('orders'), 'orders', d.ordersByPaymentStatus, words, lang);
    renderCounts($('videos'), 'videos', d.videosByStatus, words, lang);
    renderCounts($('deliveries'), 'deliveries', d.deliveriesByStatus, words, lang);
    charts.update(d);
    $('updated').textContent = new Date(d.generatedAt).toLocaleTimeString(lang);
    $('updated').dataset.at = d.generatedAt;
  };
  show((await client.request(SeasonDashboardDocument, { seasonId: season.id })).seasonDashboard);
  const live = new QurbaniLive({ url: api.replace(/^http/, 'ws'), accessToken: token });
  live.client.on('connected', () => setLive(true));
  live.client.on('closed', () => setLive(false));
  live.subscribe(
    SeasonDashboardUpdatedDocument,
    { seasonId: season.id },
    {
      next: (result) => result.data && show(result.data.seasonDashboardUpdated),
      error: () => setLive(false),
      complete: () => setLive(false),
    },
  );
}

function setLive(on: boolean) {
  const badge = $('live');
  badge.textContent = on ? words.live : words.offline;
  badge.className = on ? 'live on' : 'live';
}

const saved = sessionStorage.getItem(TOKEN_KEY);
if (saved) void start(saved);
else showSignIn();
