import { Field, ObjectType } from 'type-graphql';
import type { SacrificeWindow } from '../sacrifice/sacrifice-window.rules.js';

/** `Site.window`: computed by `sacrifice-window.rules.ts`. */
@ObjectType({ description: 'When sacrifices at a site are valid, as instants and as the local wall clock.' })
export class SiteWindow implements SacrificeWindow {
  @Field(() => Date) startsAt!: Date;
  @Field(() => Date) endsAt!: Date;
  @Field() timeZone!: string;
  @Field({ description: "Start on the site's wall clock, YYYY-MM-DD HH:MM." }) startsAtLocal!: string;
  @Field({ description: "End on the site's wall clock, YYYY-MM-DD HH:MM." }) endsAtLocal!: string;
}
