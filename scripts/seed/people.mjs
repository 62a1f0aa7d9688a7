// Accounts: the organizer signs in, staff are created by the organizer, donors register themselves.
import { unlessConflict } from './api.mjs';

const AUTH = 'accessToken account { id displayName }';
const SIGN_IN = `mutation SignIn($login: String!, $password: String!) { signIn(login: $login, password: $password) { ${AUTH} } }`;
const REGISTER = `mutation Register($input: RegisterInput!) { register(input: $input) { ${AUTH} } }`;
const CREATE_STAFF =
  'mutation CreateStaff($input: CreateStaffAccountInput!) { createStaffAccount(input: $input) { id } }';
const UPDATE_PROFILE =
  'mutation Profile($input: UpdateDonorProfileInput!) { updateDonorProfile(input: $input) { id } }';

/** A signed-in account: its id, access token and a caller that uses the token. */
function actor(api, payload) {
  return {
    id: payload.account.id,
    displayName: payload.account.displayName,
    token: payload.accessToken,
    call: api.as(payload.accessToken),
  };
}

export async function signIn(api, login, password) {
  const { signIn: payload } = await api.as()(SIGN_IN, { login, password });
  return actor(api, payload);
}

/** Creates the staff account unless it exists (an earlier run), then signs in as it. */
export async function ensureStaff(api, organizer, { login, password, displayName, roles }) {
  await unlessConflict(() => organizer.call(CREATE_STAFF, { input: { login, password, displayName, roles } }));
  return signIn(api, login, password);
}

/**
 * Signs the donor in when an earlier run registered them, else registers them; then sets their
 * preferences. Sign-in first: registering is rate-limited per address, so a second run of the seed
 * would be refused if it re-registered every donor.
 */
export async function ensureDonor(api, { login, password, displayName, profile }) {
  const existing = await signIn(api, login, password).catch((error) => {
    if (error.code === 'UNAUTHENTICATED') return null;
    throw error;
  });
  const donor =
    existing ?? actor(api, (await api.as()(REGISTER, { input: { login, password, displayName } })).register);
  if (profile) await donor.call(UPDATE_PROFILE, { input: profile });
  return donor;
}
