import { problem } from '../../responses.ts'

/** The problems every admin route declares. */
export const adminErrors = {
  400: problem('Invalid parameters or body.'),
  401: problem('Not signed in.'),
  403: problem('Needs the admin role (or the CSRF token).'),
}
