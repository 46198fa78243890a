import { packageVersions } from '../src/study/provenance';
console.log(packageVersions());
