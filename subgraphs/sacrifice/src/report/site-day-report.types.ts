import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { StatusCount } from '../dashboard/season-dashboard.types.js';

/**
 * One site's local day, for the daily report. The sacrifice subgraph owns it (sites and their time
 * zones live here); the delivery and skin subgraphs add their figures for the same day through
 * federation, reading `siteId`, `from` and `to` (`@requires`).
 */
@ObjectType({ description: "The figures of one site's local day, for its daily report. Organizers only." })
@Directive('@key(fields: "id")')
export class SiteDayReport {
  @Field(() => ID, { description: '`<siteId>:<YYYY-MM-DD>`.' }) id!: string;
  @Field(() => ID) siteId!: string;
  @Field({ description: 'The local date at the site, YYYY-MM-DD.' }) date!: string;
  @Field() siteName!: string;
  @Field() siteRegion!: string;
  @Field() timeZone!: string;
  @Field(() => Date, { description: 'Local midnight at the site, as an instant.' }) from!: Date;
  @Field(() => Date, { description: 'The next local midnight.' }) to!: Date;
  @Field(() => [Int], { description: 'Sacrifices performed in each local hour of the day, 0 to 23.' })
  performedByHour!: number[];
  @Field(() => [StatusCount], { description: 'The sacrifices performed that day, by status now (the proof verdicts).' })
  performedByStatus!: StatusCount[];
  @Field(() => [StatusCount], { description: "The site's sacrifices by status now, zeros included." })
  sacrificesByStatus!: StatusCount[];
}
