// A port nothing listens on right now, for a process the bench starts: the tests' own choice
// (below the ephemeral range, so no outgoing connection takes it before the process binds it).
export { freePort } from '@qurbani/orchestrator/testing';
