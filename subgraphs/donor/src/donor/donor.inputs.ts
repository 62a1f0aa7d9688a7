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
}
