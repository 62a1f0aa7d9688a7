import 'reflect-metadata';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { v7 } from 'uuid';

/** A row a test handler writes, to count how often a side effect really committed. */
@Entity({ tableName: 'side_effect' })
export class SideEffect {
  @PrimaryKey({ type: 'uuid' })
  id: string = v7();

  @Property({ type: 'text' })
  label!: string;

  constructor(label: string) {
    this.label = label;
  }
}
