// Accounts: the organizer signs in, staff are created by the organizer, donors register themselves.
import { unlessConflict } from './api.mjs';

const AUTH = 'accessToken account { id displayName }';
const SIGN_IN = `mutation SignIn($login: String!, $password: String!) { signIn(login: $login, password: $password) { ${AUTH} } }`;
const REGISTER = `mutation Register($input: RegisterInput!) { register(input: $input) { ${AUTH} } }`;
const CREATE_STAFF = 'mutation CreateStaff($input: CreateStaffAccountInput!) { createStaffAccount(input: $input) { id } }';
const UPDATE_PROFILE = 'mutation Profile($input: UpdateDonorProfileInput!) { updateDonorProfile(input: $input) { id } }';

/** A signed-in account: its id, access token and a caller that uses the token. */
function actor(api, payload) {
  return { id: payload.account.id, displayName: payload.account.displayName, token: payload.accessToken, call: api.as(payload.accessToken) };
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

/** Registers the donor, or signs in when an earlier run did; then sets their preferences. */
export async function ensureDonor(api, { login, password, displayName, profile }) {
  const registered = await unlessConflict(() => api.as()(REGISTER, { input: { login, password, displayName } }));
  const donor = registered ? actor(api, registered.register) : await signIn(api, login, password);
  if (profile) await donor.call(UPDATE_PROFILE, { input: profile });
  return donor;
}
