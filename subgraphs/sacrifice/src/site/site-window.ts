import { Field, ObjectType } from 'type-graphql';
import type { Season } from '../season/season.entity.js';
import { formatWallTime, wallTimeToInstant } from '../shared/zoned-time.js';
import type { Site } from './site.entity.js';

/** When sacrifices at a site are valid: from day 10 at the start time to day 13 at the end time, local. */
@ObjectType({ description: 'When sacrifices at a site are valid, as instants and as the local wall clock.' })
export class SiteWindow {
  @Field(() => Date) startsAt!: Date;
  @Field(() => Date) endsAt!: Date;
  @Field() timeZone!: string;
  @Field({ description: 'Start on the site\'s wall clock, YYYY-MM-DD HH:MM.' }) startsAtLocal!: string;
  @Field({ description: 'End on the site\'s wall clock, YYYY-MM-DD HH:MM.' }) endsAtLocal!: string;
}

export function windowOf(season: Pick<Season, 'day10' | 'day13' | 'windowStartLocal' | 'windowEndLocal'>, site: Pick<Site, 'timeZone' | 'windowStartLocal' | 'windowEndLocal'>): SiteWindow {
  const startTime = site.windowStartLocal ?? season.windowStartLocal;
  const endTime = site.windowEndLocal ?? season.windowEndLocal;
  const startsAt = wallTimeToInstant(season.day10, startTime, site.timeZone);
  const endsAt = wallTimeToInstant(season.day13, endTime, site.timeZone);
  return {
    startsAt,
    endsAt,
    timeZone: site.timeZone,
    startsAtLocal: formatWallTime(startsAt, site.timeZone),
    endsAtLocal: formatWallTime(endsAt, site.timeZone),
  };
}

export const isWithin = (window: SiteWindow, at: Date) => at >= window.startsAt && at <= window.endsAt;
