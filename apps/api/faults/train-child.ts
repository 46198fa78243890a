/** `reco train`'s study on the bundled data into argv[2]; the fault suite kills it with SIGKILL. */
import { trainArtifacts } from '../src/testing/train-artifacts';

await trainArtifacts(process.argv[2] as string);
