import { Column, Entity } from 'typeorm';
import { RecordEntity } from '../records/record-entity';

/** What the workspace sells: the catalogue line items are picked from. */
@Entity('products')
export class ProductEntity extends RecordEntity {
  @Column('text') sku!: string;
  @Column('text') name!: string;
  @Column({ type: 'text', nullable: true }) family!: string | null;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column('boolean') active!: boolean;
}

/** A list of prices in one currency; one standard price book per currency. */
@Entity('price_books')
export class PriceBookEntity extends RecordEntity {
  @Column('text') name!: string;
  @Column('char') currency!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ name: 'is_standard', type: 'boolean' }) isStandard!: boolean;
  @Column('boolean') active!: boolean;
}
