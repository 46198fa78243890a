/** What serving needs of a model: `@reco/scoring`'s native-free `Scorer`. */
export type { Scorer } from '@reco/scoring';
