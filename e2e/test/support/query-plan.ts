import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type PlanNode } from '@apollo/query-planner';
import type { DocumentNode } from 'graphql';

/** How many fetches the gateway's query plan sends to each subgraph for one operation. */
export function fetchesPerSubgraph(supergraphSdl: string, document: DocumentNode): Record<string, number> {
  const supergraph = Supergraph.build(supergraphSdl);
  const plan = new QueryPlanner(supergraph).buildQueryPlan(operationFromDocument(supergraph.schema, document));
  const counts: Record<string, number> = {};
  const visit = (node: PlanNode | undefined): void => {
    if (!node) return;
    switch (node.kind) {
      case 'Fetch':
        counts[node.serviceName] = (counts[node.serviceName] ?? 0) + 1;
        return;
      case 'Flatten':
        return visit(node.node);
      case 'Sequence':
      case 'Parallel':
        return node.nodes.forEach(visit);
      case 'Condition':
        visit(node.ifClause);
        return visit(node.elseClause);
      case 'Defer':
        visit(node.primary.node);
        return node.deferred.forEach((d) => visit(d.node));
    }
  };
  visit(plan.node as PlanNode | undefined);
  return counts;
}
