import { Role } from '@qurbani/kit';
import { Field, InputType } from 'type-graphql';

@InputType()
export class RegisterInput {
  @Field({ description: 'Email address or phone number in international form (+...).' }) login!: string;
  @Field({ description: 'At least 10 characters.' }) password!: string;
  @Field() displayName!: string;
}

@InputType()
export class CreateStaffAccountInput extends RegisterInput {
  @Field(() => [Role]) roles!: Role[];
}
