import { registerEnumType } from 'type-graphql';

/** The two automatic checks of a proof video, as a reviewer names the one that was wrong. */
export enum ProofCheck {
  SCENE = 'SCENE',
  NAMES = 'NAMES',
}

registerEnumType(ProofCheck, {
  name: 'ProofCheck',
  description: 'One automatic check of a proof video: the scene (person, animal, knife) or the names spoken.',
});
