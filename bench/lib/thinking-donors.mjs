// Donors who read their screen before refreshing it: each of `donors` connections sends a request,
// waits for its answer, then pauses for a random think time (exponential, mean `thinkMs`) before the
// next one, the classic interactive-users model. autocannon sends the next request at once (or, with
// a rate, in bursts at the start of each second), so this loop is the bench's own.
import http from 'node:http';

const pause = (meanMs) => new Promise((resolve) => setTimeout(resolve, -Math.log(1 - Math.random()) * meanMs));

function post(agent, url, { headers, body }) {
  return new Promise((resolve) => {
    const started = performance.now();
    const request = http.request(url, { method: 'POST', agent, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode, text, ms: performance.now() - started }));
      response.on('error', () => resolve({ status: 0, text, ms: performance.now() - started }));
    });
    request.on('error', () => resolve({ status: 0, text: '', ms: performance.now() - started }));
    request.end(body);
  });
}

/** Runs the donors for `seconds`; the result has the fields of autocannon's that load.mjs reads. */
export async function thinkingDonors(url, variants, { donors, seconds, thinkMs, onResponse }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: donors });
  const result = { duration: seconds, non2xx: 0, errors: 0, timeouts: 0, mismatches: 0 };
  const until = performance.now() + seconds * 1000;
  let next = 0;
  const donor = async () => {
    // Donors do not all arrive in the same instant.
    await pause(thinkMs);
    while (performance.now() < until) {
      const { status, text, ms } = await post(agent, url, variants[next++ % variants.length]);
      if (status === 0) result.errors++;
      else if (status !== 200) result.non2xx++;
      else {
        if (text.includes('"errors"')) result.mismatches++;
        onResponse(ms);
      }
      await pause(thinkMs);
    }
  };
  await Promise.all(Array.from({ length: donors }, donor));
  agent.destroy();
  return result;
}
