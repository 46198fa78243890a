export type { CsrMatrix } from './sparse';
