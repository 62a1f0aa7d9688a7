import { Field, ObjectType } from 'type-graphql';
import { Account } from '../account/account.entity.js';

@ObjectType({ description: 'Tokens of one sign-in. Send the access token as `Authorization: Bearer ...`.' })
export class AuthPayload {
  @Field() accessToken!: string;
  @Field() accessTokenExpiresAt!: Date;
  @Field({ description: 'Use once with refreshSession; it rotates.' }) refreshToken!: string;
  @Field(() => Account) account!: Account;
}
