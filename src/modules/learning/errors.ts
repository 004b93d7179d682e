// The problems learning answers with, each with a stable type and the field at fault.
import { Problem } from '../../http/problem.ts';
import { translateDbError } from '../catalog/errors.ts';

const one = (field: string | undefined, message: string) => (field ? { errors: [{ field, message }] } : {});

export const learningProblems = {
  notEligible: (detail: string, field = 'body.offeringId') => new Problem(422, 'not-eligible', 'Not eligible', detail, one(field, detail)),
  registrationClosed: (detail: string, field = 'body.offeringId') => new Problem(409, 'registration-closed', 'Registration is not open', detail, one(field, detail)),
  alreadyEnrolled: (detail: string, field = 'body.offeringId') => new Problem(409, 'already-enrolled', 'Already enrolled', detail, one(field, detail)),
  quotaExceeded: (detail: string, field = 'body.offeringId') => new Problem(409, 'quota-exceeded', 'Agency quota reached', detail, one(field, detail)),
  wrongState: (detail: string, field?: string) => new Problem(409, 'conflict', 'Conflict', detail, one(field, detail)),
  noAttendance: (detail: string, field = 'body.items') => new Problem(422, 'no-attendance-data', 'No attendance data', detail, one(field, detail)),
  tooLate: (detail: string, field?: string) => new Problem(409, 'deadline-passed', 'Deadline passed', detail, one(field, detail)),
};

/** Runs a write and turns constraint violations into problems (a lost race on the live-enrolment index is "already enrolled"). */
export async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const e = error as { code?: string; constraint?: string };
    if (e && e.code === '23505' && e.constraint === 'enrolment_live') throw learningProblems.alreadyEnrolled('This person already has a live enrolment in this programme.');
    throw translateDbError(error);
  }
}
