import { Directive, Field, ObjectType } from 'type-graphql';

/** The same value type as the donor subgraph's (receipts): shareable, so both may return it. */
@ObjectType({ description: 'A signed link to a PDF; anyone holding it can fetch it until it expires.' })
@Directive('@shareable')
export class DocumentLink {
  @Field({ description: "A path on the gateway's origin (or a full URL when a public base URL is set)." })
  url!: string;

  @Field(() => Date)
  expiresAt!: Date;
}
