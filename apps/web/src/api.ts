import { createRecoClient } from '@reco/client';

/** The page talks to the API on its own origin (served by it, or proxied by Vite's dev server). */
export const api = createRecoClient();
