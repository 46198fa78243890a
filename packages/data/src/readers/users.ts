import type { DetectedRelease } from '../layout';
import { FieldError, parseIntegerField, quote } from '../parse/fields';
import type { RowProblems } from '../problems';
import type { Demographics, IdMap } from '../types';
import { forEachRecord, readText } from './text-file';

/** ml-1m `users.dat` occupation codes 0-20 (from the ml-1m README); the index is the code. */
export const ML1M_OCCUPATIONS = [
  'other',
  'academic/educator',
  'artist',
  'clerical/admin',
  'college/grad student',
  'customer service',
  'doctor/health care',
  'executive/managerial',
  'farmer',
  'homemaker',
  'K-12 student',
  'lawyer',
  'programmer',
  'retired',
  'sales/marketing',
  'scientist',
  'self-employed',
  'technician/engineer',
  'tradesman/craftsman',
  'unemployed',
  'writer',
] as const;

/** ml-1m age groups: the code is the lower bound of the group ("18" = 18-24, "56" = 56+). */
const ML1M_AGE_GROUPS = new Set([1, 18, 25, 35, 45, 50, 56]);

/** The users file as read, in file order, before alignment with the dense user index. */
export interface UsersFile {
  readonly userIds: number[];
  readonly gender: number[];
  readonly age: number[];
  /** Occupation as text (ml-100k) or code (ml-1m), resolved by `alignDemographics`. */
  readonly occupation: number[];
  readonly occupations: readonly string[];
  readonly zipCode: string[];
}

/**
 * Reads ml-1m `users.dat` (`UserID::Gender::Age::Occupation::Zip-code`) or ml-100k `u.user`
 * (`user id | age | gender | occupation | zip code`).
 */
export function readUsers(release: DetectedRelease, problems: RowProblems): UsersFile {
  const file = release.files.users!;
  const out = {
    userIds: [] as number[],
    gender: [] as number[],
    age: [] as number[],
    occupation: [] as number[],
    zipCode: [] as string[],
  };
  const seen = new Set<number>();
  const occupationText: string[] = [];
  const dat = release.layout === 'dat';
  const fields = dat
    ? ['userId', 'gender', 'age', 'occupation', 'zipCode']
    : ['userId', 'age', 'gender', 'occupation', 'zipCode'];

  forEachRecord(
    readText(release.dir, file, dat ? 'auto' : 'latin1'),
    { file, delimiter: dat ? '::' : '|', fields, problems },
    (values) => {
      const record = Object.fromEntries(fields.map((name, i) => [name, values[i]!]));
      const userId = parseIntegerField(record.userId!, 'userId');
      if (seen.has(userId))
        throw new FieldError('userId', `userId ${userId} appears twice`, undefined, 'duplicate-id');
      const gender = record.gender === 'M' ? 1 : record.gender === 'F' ? 2 : 0;
      if (gender === 0) throw new FieldError('gender', `gender ${quote(record.gender!)} is not M or F`);
      const age = parseIntegerField(record.age!, 'age', 255);
      if (dat && !ML1M_AGE_GROUPS.has(age)) {
        throw new FieldError(
          'age',
          `age ${quote(record.age!)} is not an ml-1m age group (1, 18, 25, 35, 45, 50, 56)`,
        );
      }
      let occupation: number;
      if (dat) {
        occupation = parseIntegerField(record.occupation!, 'occupation', ML1M_OCCUPATIONS.length - 1);
      } else {
        occupation = occupationText.length;
        occupationText.push(record.occupation!.trim());
      }
      seen.add(userId);
      out.userIds.push(userId);
      out.gender.push(gender);
      out.age.push(age);
      out.occupation.push(occupation);
      out.zipCode.push(record.zipCode!.trim());
    },
  );

  if (dat) return { ...out, occupations: ML1M_OCCUPATIONS };
  // ml-100k names occupations in words: the vocabulary is their sorted set.
  const occupations = [...new Set(occupationText)].sort();
  const code = new Map(occupations.map((o, i) => [o, i]));
  return { ...out, occupation: out.occupation.map((i) => code.get(occupationText[i]!)!), occupations };
}

/** Demographics by dense user index; users missing from the file are "unknown" (0 / 255 / ""). */
export function alignDemographics(file: UsersFile, users: IdMap): Demographics {
  const n = users.size;
  const gender = new Uint8Array(n);
  const age = new Uint8Array(n);
  const occupation = new Uint8Array(n).fill(255);
  const zipCode = new Array<string>(n).fill('');
  file.userIds.forEach((id, row) => {
    const u = users.indexOf(id);
    if (u < 0) return;
    gender[u] = file.gender[row]!;
    age[u] = file.age[row]!;
    occupation[u] = file.occupation[row]!;
    zipCode[u] = file.zipCode[row]!;
  });
  return { gender, age, occupation, occupations: file.occupations, zipCode };
}
