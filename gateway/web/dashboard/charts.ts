import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { DashboardFiguresFragment } from '@qurbani/sdk';
import type { Words } from './i18n.js';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
);

const GREEN = '#2e7d32';
const GREY = '#b0bec5';
const AMBER = '#f9a825';
const RED = '#c62828';

/** The three charts of the page, updated in place on each live event (no animation: figures, not a show). */
export class DashboardCharts {
  private readonly progress: Chart<'bar'>;
  private readonly backlog: Chart<'line'>;
  private readonly hides: Chart<'bar'>;

  constructor(
    canvases: { progress: HTMLCanvasElement; backlog: HTMLCanvasElement; hides: HTMLCanvasElement },
    private readonly words: Words,
    rtl: boolean,
  ) {
    const common = {
      animation: false as const,
      responsive: true,
      maintainAspectRatio: false,
      locale: rtl ? 'ar' : 'en',
    };
    const legend = { plugins: { legend: { rtl, position: 'bottom' as const } } };
    this.progress = new Chart(canvases.progress, {
      type: 'bar',
      data: {
        labels: [],
        datasets: [
          { label: words.performed, data: [], backgroundColor: GREEN },
          { label: words.remaining, data: [], backgroundColor: GREY },
        ],
      },
      options: {
        ...common,
        ...legend,
        indexAxis: 'y',
        scales: { x: { stacked: true, reverse: rtl }, y: { stacked: true, position: rtl ? 'right' : 'left' } },
      },
    });
    this.backlog = new Chart(canvases.backlog, {
      type: 'line',
      data: {
        labels: [],
        datasets: [{ label: words.status.FLAGGED!, data: [], borderColor: AMBER, backgroundColor: AMBER }],
      },
      options: {
        ...common,
        ...legend,
        scales: { x: { reverse: rtl }, y: { beginAtZero: true, position: rtl ? 'right' : 'left' } },
      },
    });
    this.hides = new Chart(canvases.hides, {
      type: 'bar',
      data: { labels: [], datasets: [{ label: words.hides, data: [], backgroundColor: [] }] },
      options: {
        ...common,
        plugins: { legend: { display: false } },
        scales: { x: { reverse: rtl }, y: { beginAtZero: true, position: rtl ? 'right' : 'left' } },
      },
    });
  }

  update(d: DashboardFiguresFragment): void {
    this.progress.data.labels = d.sites.map((s) => s.siteName);
    this.progress.data.datasets[0]!.data = d.sites.map((s) => s.performed);
    this.progress.data.datasets[1]!.data = d.sites.map((s) => s.remaining);
    this.progress.update();

    const flagged = d.sacrificesByStatus.find((s) => s.status === 'FLAGGED')?.count ?? 0;
    const at = new Date(d.generatedAt).toLocaleTimeString(this.progress.options.locale, {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    this.backlog.data.labels!.push(at);
    this.backlog.data.datasets[0]!.data.push(flagged);
    // The last hour of updates is enough to see a trend; older points fall off.
    if (this.backlog.data.labels!.length > 120) {
      this.backlog.data.labels!.shift();
      this.backlog.data.datasets[0]!.data.shift();
    }
    this.backlog.update();

    const rows = [
      ...d.hidesByStatus
        .filter((h) => h.count > 0)
        .map((h) => ({
          label: this.words.status[h.status] ?? h.status,
          n: h.count,
          color: h.status === 'SPOILED' ? RED : GREEN,
        })),
      { label: this.words.hidesAtRisk, n: d.hidesAtRisk, color: AMBER },
    ];
    this.hides.data.labels = rows.map((r) => r.label);
    this.hides.data.datasets[0]!.data = rows.map((r) => r.n);
    this.hides.data.datasets[0]!.backgroundColor = rows.map((r) => r.color);
    this.hides.update();
  }
}
