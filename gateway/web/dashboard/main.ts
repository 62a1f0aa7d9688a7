import {
  DashboardSeasonsDocument,
  QurbaniClient,
  QurbaniLive,
  SeasonDashboardDocument,
  SeasonDashboardUpdatedDocument,
  type DashboardFiguresFragment,
} from '@qurbani/sdk';
import { DashboardCharts } from './charts.js';
import { el } from '../shared/dom.js';
import { pageLanguage } from '../shared/page.js';
import { signInForm } from '../shared/sign-in.js';
import { WORDS } from './i18n.js';
import { renderCounts, renderSites, renderTiles } from './view.js';

/**
 * The organizer's dashboard page: signs in with the SDK, reads `seasonDashboard`, then follows
 * `seasonDashboardUpdated` over graphql-ws. Everything it loads comes from this gateway.
 */
const { lang, words } = pageLanguage(WORDS);
const api = `${location.origin}/graphql`;
const TOKEN_KEY = 'qurbani.dashboard.token';
const $ = (id: string) => document.getElementById(id)!;

function showSignIn(message?: string) {
  $('app').replaceChildren(
    signInForm({
      api,
      words,
      tokenKey: TOKEN_KEY,
      message,
      className: 'sign-in',
      onSignedIn: (token) => void start(token),
    }),
  );
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
