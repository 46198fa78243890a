import { runCli } from './program';
import { shouldSupervise, superviseTrain } from './train-supervisor';

const args = process.argv.slice(2);
// `reco train` runs in a child so Ctrl-C can stop it (and clean up) even inside a native fit.
process.exitCode = shouldSupervise(args) ? await superviseTrain(args) : await runCli(args);
