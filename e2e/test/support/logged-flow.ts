// Run as its own process by log-redaction.test.ts: the whole system in this process, a donor's flow
// with personal data, a refused sign-in and an internal error; the test reads everything this process
// wrote to stdout and stderr. The secrets used go to the file named by FLOW_SECRETS_FILE (not to a log).
import { SignInDocument, UpdateDonorProfileDocument } from '@qurbani/sdk';
import { writeFileSync } from 'node:fs';
import { createSeasonAndSite, placeOrder, registerDonor, signInOrganizer } from './season.js';
import { startSystem } from './system.js';

const system = await startSystem();
try {
  await createSeasonAndSite(await signInOrganizer(system), system);
  const donor = await registerDonor(system, 'Logged Donor');
  const phone = '+447700900123';
  const email = 'zubair.qasimi@example.org';
  await donor.client.request(UpdateDonorProfileDocument, {
    input: { phone, email, contactChannels: ['SMS', 'EMAIL'] },
  });
  const names = ['Zubair Qasimi', 'Halima Qasimi'];
  await placeOrder(donor, 'SHEEP', [names[0]!]);
  await placeOrder(donor, 'SHEEP', [names[1]!]);
  await system.client().execute(SignInDocument, { login: 'nobody@example.org', password: 'wrong-password-981274' });
  // A request a subgraph cannot handle: the gateway and subgraph log it as unexpected.
  await fetch(system.subgraphs.donor!.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{',
  });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  writeFileSync(
    process.env.FLOW_SECRETS_FILE!,
    JSON.stringify({
      token: donor.token,
      refresh: donor.refreshToken,
      phone,
      email,
      names,
      password: 'a long donor password',
    }),
  );
} finally {
  await system.close();
}
