import { renderSiteReport, documentLanguage, type SiteReportData } from '@qurbani/documents';
import { isOrganizer, sendError, type Viewer } from '@qurbani/kit';
import type { Express } from 'express';
import { withinLimit } from './perimeter/rate-limits.js';

/** `/reports/sites/<siteId>/<YYYY-MM-DD>.pdf?lang=ar`: a site's daily report, for organizers. */
const SITE_REPORTS_PATH = '/reports/sites';

const QUERY = `query SiteDayReportFigures($siteId: ID!, $date: String!) {
  siteDayReport(siteId: $siteId, date: $date) {
    siteName siteRegion timeZone date performedByHour
    performedByStatus { status count }
    sacrificesByStatus { status count }
    deliveriesByStatus { status count }
    hidesByStatus { status count }
  }
}`;

export interface SiteReportRouteOptions {
  /** This gateway's own GraphQL endpoint: the figures come from the subgraphs exactly as the API gives them. */
  graphqlUrl: () => string;
  viewerOf: (authorization: string | undefined) => Promise<Viewer | null>;
  limit: (viewer: Viewer) => Promise<void>;
  charityName: string;
}

/**
 * The report is drawn here, where the subgraphs' figures for the day meet (`siteDayReport` is
 * composed from the sacrifice, delivery and skin subgraphs): the query runs through this gateway
 * with the caller's own token, so each subgraph checks again that it is an organizer's.
 */
export function mountSiteReportRoute(app: Express, options: SiteReportRouteOptions): void {
  app.get(`${SITE_REPORTS_PATH}/:siteId/:file`, async (req, res) => {
    const date = /^(\d{4}-\d{2}-\d{2})\.pdf$/.exec(req.params.file)?.[1];
    if (!date) return sendError(res, 404, 'NOT_FOUND', 'No such report.');
    const authorization = req.header('authorization');
    const viewer = await options.viewerOf(authorization).catch(() => null);
    if (!viewer) return sendError(res, 401, 'UNAUTHENTICATED', 'Sign in first.');
    if (!isOrganizer(viewer)) return sendError(res, 403, 'FORBIDDEN', 'Only organizers see site reports.');
    if (!(await withinLimit(res, () => options.limit(viewer), true))) return;
    const language = documentLanguage(typeof req.query.lang === 'string' ? req.query.lang : 'en');
    try {
      const answer = await fetch(options.graphqlUrl(), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: authorization! },
        body: JSON.stringify({ query: QUERY, variables: { siteId: req.params.siteId, date } }),
        signal: AbortSignal.timeout(15_000),
      });
      const body = (await answer.json()) as {
        data?: { siteDayReport: Omit<SiteReportData, 'charityName' | 'generatedAt'> | null } | null;
        errors?: { message: string; extensions?: { code?: string } }[];
      };
      const figures = body.data?.siteDayReport;
      if (!figures) {
        const error = body.errors?.[0];
        const code = error?.extensions?.code ?? 'BAD_GATEWAY';
        const status = code === 'NOT_FOUND' ? 404 : code === 'BAD_USER_INPUT' ? 400 : code === 'FORBIDDEN' ? 403 : 502;
        return sendError(res, status, code, error?.message ?? 'The report could not be made; try again.');
      }
      const pdf = await renderSiteReport(
        { ...figures, charityName: options.charityName, generatedAt: new Date() },
        language,
      );
      res
        .status(200)
        .type('application/pdf')
        .set('cache-control', 'private, no-store')
        .set('content-disposition', `inline; filename="site-report-${req.params.siteId}-${date}-${language}.pdf"`)
        .send(pdf);
    } catch {
      sendError(res, 502, 'BAD_GATEWAY', 'The report could not be made; try again.');
    }
  });
}
