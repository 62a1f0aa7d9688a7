/**
 * Downloads an export through the gateway as a client does, counting bytes and lines as they
 * arrive (nothing kept), so the bench measures the server's memory, not its own.
 */
export async function downloadCsv(url, token) {
  const answer = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  let bytes = 0;
  let lines = 0;
  for await (const chunk of answer.body) {
    bytes += chunk.length;
    for (const b of chunk) if (b === 10) lines++;
  }
  return { bytes, lines };
}
