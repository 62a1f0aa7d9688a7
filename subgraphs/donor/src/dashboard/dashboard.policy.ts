import { forbidden, isOrganizer, type Viewer } from '@qurbani/kit';

/** The dashboard is the charity's own figures: organizers only, by the root field and by reference. */
export function assertMayReadDashboard(viewer: Viewer | null): void {
  if (!isOrganizer(viewer)) throw forbidden('Only organizers see the season dashboard.');
}
