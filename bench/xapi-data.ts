// Synthetic xAPI statements for the LRS benchmarks: what an institution's LMS reports (launched,
// initialized, progressed, answered, completed, passed…) for civil servants identified by their NIP
// on the national SSO (account) or by e-mail (mbox), on courses of many providers, with
// registrations, context activities and results. Deterministic for a seed.
import { createRandom } from '../src/seed/random.ts';

export const ACCOUNT_HOME = 'https://sso.kembang.go.id';
export const VERBS = [
  'http://adlnet.gov/expapi/verbs/launched',
  'http://adlnet.gov/expapi/verbs/initialized',
  'http://adlnet.gov/expapi/verbs/progressed',
  'http://adlnet.gov/expapi/verbs/answered',
  'http://adlnet.gov/expapi/verbs/experienced',
  'http://adlnet.gov/expapi/verbs/completed',
  'http://adlnet.gov/expapi/verbs/passed',
  'http://adlnet.gov/expapi/verbs/terminated',
];

export interface Universe {
  people: number;
  courses: number;
  seed: number;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0').slice(-width);

/** A deterministic UUID (version 4 layout) from two numbers. */
export function uuidOf(a: number, b: number): string {
  const h = hex(a, 12) + hex(b, 12) + hex((a * 2654435761) >>> 0, 8);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const nipOf = (person: number) => `19${String(800101 + (person % 100000)).padStart(6, '0')}20${String(1000000 + person).slice(-6)}${person % 2 ? '1' : '2'}0`.slice(0, 18);
export const courseIri = (course: number) => `https://lms.p${course % 150}.go.id/xapi/activities/course/${course}`;
export const moduleIri = (course: number, m: number) => `${courseIri(course)}/module/${m}`;
export const registrationOf = (person: number, course: number, seed: number) => uuidOf(person * 7 + seed, course);

export function actorOf(person: number): Record<string, unknown> {
  return person % 4 === 0
    ? { objectType: 'Agent', name: `Pegawai ${person}`, mbox: `mailto:pegawai.${person}@instansi.go.id` }
    : { objectType: 'Agent', name: `Pegawai ${person}`, account: { homePage: ACCOUNT_HOME, name: nipOf(person) } };
}

/** The agent IFI the LRS indexes for a person (see shape.ts ifiOf). */
export function ifiOfPerson(person: number): string {
  return person % 4 === 0 ? `mbox:mailto:pegawai.${person}@instansi.go.id` : `account:${JSON.stringify([ACCOUNT_HOME, nipOf(person)])}`;
}

export interface Generated {
  statement: Record<string, unknown>;
  person: number;
  course: number;
  verb: string;
  registration: string;
  /** the object's activity IRI */
  activity: string;
  /** the parent course when the object is a module */
  parent: string | null;
}

/** A stream of statements; `n` numbers them (ids are unique per (stream, n)). */
export function statementStream(u: Universe, stream: number) {
  const rng = createRandom(u.seed * 1000 + stream);
  const base = Date.UTC(2026, 0, 5);
  return (n: number): Generated => {
    const person = rng.int(1, u.people);
    const course = rng.int(1, u.courses);
    const verb = VERBS[rng.int(0, VERBS.length - 1)];
    const onModule = rng.next() < 0.5 && !verb.endsWith('completed') && !verb.endsWith('passed');
    const module = rng.int(1, 12);
    const activity = onModule ? moduleIri(course, module) : courseIri(course);
    const registration = registrationOf(person, course, u.seed);
    const timestamp = new Date(base + rng.int(0, 300 * 86_400) * 1000).toISOString();
    const s: Record<string, unknown> = {
      id: uuidOf(stream + 1, n),
      actor: actorOf(person),
      verb: { id: verb, display: { 'en-US': verb.slice(verb.lastIndexOf('/') + 1) } },
      object: {
        objectType: 'Activity',
        id: activity,
        definition: { name: { 'id-ID': onModule ? `Modul ${module}` : `Kursus ${course}` }, type: onModule ? 'http://adlnet.gov/expapi/activities/module' : 'http://adlnet.gov/expapi/activities/course' },
      },
      context: {
        registration,
        platform: `LMS P${course % 150}`,
        language: 'id-ID',
        contextActivities: onModule ? { parent: [{ id: courseIri(course), objectType: 'Activity' }] } : { grouping: [{ id: `https://lms.p${course % 150}.go.id/xapi/activities/catalogue`, objectType: 'Activity' }] },
      },
      timestamp,
    };
    if (verb.endsWith('completed') || verb.endsWith('passed') || verb.endsWith('answered')) {
      s.result = { completion: true, success: rng.next() < 0.9, score: { scaled: Math.round(rng.next() * 100) / 100 }, duration: `PT${rng.int(1, 40)}H${rng.int(0, 59)}M` };
    }
    return { statement: s, person, course, verb, registration, activity, parent: onModule ? courseIri(course) : null };
  };
}
