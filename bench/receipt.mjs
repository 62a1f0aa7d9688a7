// Render time of one donation receipt (English and Arabic), in process, after a warm-up that
// loads the font: the cost a donor's click pays on top of two small SQL reads.
//   npm run build && npm run bench:receipt
import { renderReceipt } from '../packages/documents/dist/src/index.js';

const RUNS = 30;
const receipt = {
  number: 'R-2026-0A1B2C3D',
  paidAt: new Date('2026-05-26T09:30:00Z'),
  amountMinor: 125_050,
  currency: 'SAR',
  refundedMinor: 0,
  provider: 'bank-transfer',
  reference: 'BT-77',
  orderId: '0d1b2c3d-0000-4000-8000-000000000001',
  names: [
    'Ahmed Khan',
    'محمد بن عبد الله',
    'فاطمة الزهراء',
    'Yusuf Ali',
    'Khadija Ali',
    'Bilal Hussain',
    'Maryam Noor',
  ],
  charity: { name: 'Qurbani Relief', registration: 'CH-1234', address: '1 High Street, London' },
};

for (const language of ['en', 'ar']) {
  const first = performance.now();
  await renderReceipt(receipt, language);
  const cold = performance.now() - first;
  const times = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    bytes = (await renderReceipt(receipt, language)).length;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
  console.log(
    `${language}: first ${cold.toFixed(0)} ms, then p50 ${at(0.5)} ms, p95 ${at(0.95)} ms over ${RUNS} (${bytes} bytes)`,
  );
}
