/** Who may follow a sacrifice's packs: the shared `sacrifice.allocated` projection, stored in this subgraph's own table. */
export { recordAllocatedSacrifice as recordAllocation } from '@qurbani/events';
