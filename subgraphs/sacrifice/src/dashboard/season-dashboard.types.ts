import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Species } from '../shared/species.js';

@ObjectType({ description: 'How many things are in one state.' })
export class StatusCount {
  @Field() status!: string;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: 'Shares paid for but not yet on an animal, of one species.' })
export class SpeciesCount {
  @Field(() => Species) species!: Species;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: "One site's pace against the time left in its window: will it finish in time?" })
export class SitePace {
  @Field(() => ID) siteId!: string;
  @Field() siteName!: string;
  @Field() timeZone!: string;
  @Field(() => Int, { description: 'Sacrifices on animals here, in any status.' }) total!: number;
  @Field(() => Int, { description: 'Performed (or verified/flagged) so far.' }) performed!: number;
  @Field(() => Int, { description: 'Allocated or assigned, not yet performed.' }) remaining!: number;
  @Field(() => Int, { description: 'Performed in the last 60 minutes.' }) performedLastHour!: number;
  @Field(() => Float, { description: 'Hours left until the window closes (0 once closed).' }) hoursLeft!: number;
  @Field(() => Float, { nullable: true, description: 'Sacrifices an hour needed to finish in time; null when done.' })
  neededPerHour!: number | null;
  @Field({ description: 'At the last hour’s pace the remaining sacrifices fit in the time left.' })
  onTrack!: boolean;
  @Field(() => Date) windowEndsAt!: Date;
}

/**
 * The organizer's "where are we?" for one season (or one site of it). The sacrifice subgraph owns
 * it (seasons and sites live here); the other subgraphs add their counts to the same entity through
 * federation, reading `siteIds` (`@requires`), so each counts only its own rows.
 */
@ObjectType({ description: "The organizer's live figures for a season, or one site of it. Organizers only." })
@Directive('@key(fields: "id")')
export class SeasonDashboard {
  @Field(() => ID, { description: '`<seasonId>` or `<seasonId>:<siteId>`.' }) id!: string;
  @Field(() => ID) seasonId!: string;
  @Field(() => ID, { nullable: true }) siteId!: string | null;
  @Field(() => [ID], { description: 'The sites counted: every site of the season, or the one asked for.' })
  siteIds!: string[];
  @Field(() => [StatusCount]) sacrificesByStatus!: StatusCount[];
  @Field(() => [StatusCount], { description: 'PENDING (no animal yet, any site) and ALLOCATED (here).' })
  sharesByStatus!: StatusCount[];
  @Field(() => [SpeciesCount]) allocationPendingBySpecies!: SpeciesCount[];
  @Field(() => [SitePace]) sites!: SitePace[];
  @Field(() => Date) generatedAt!: Date;
}
