import { Field, InputType } from 'type-graphql';
import { ContactChannel, Language } from './donor.enums.js';

/** Every field is optional: only the fields given change. */
@InputType()
export class UpdateDonorProfileInput {
  @Field(() => Language, { nullable: true }) language?: Language;
  @Field(() => [ContactChannel], { nullable: true }) contactChannels?: ContactChannel[];
  @Field(() => String, { nullable: true, description: 'International form (+...); null removes it.' }) phone?:
    string | null;
  @Field(() => Boolean, { nullable: true }) blurVideosByDefault?: boolean;
  @Field(() => String, { nullable: true, description: 'For the EMAIL channel; null removes it.' }) email?:
    string | null;
  @Field(() => String, { nullable: true, description: 'IANA zone, e.g. Africa/Lagos; null removes it.' })
  timeZone?: string | null;
  @Field(() => String, { nullable: true, description: 'HH:MM-HH:MM in your time zone; null removes it.' })
  quietHours?: string | null;
}
