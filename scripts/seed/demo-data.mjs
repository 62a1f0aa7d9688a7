// The demo season: who and what a charity would have on the eve of Eid. Names are Arabic-origin,
// as donors write them; every login shares the domain demo.qurbani.

export const ORGANIZER = { login: 'organizer@demo.qurbani', password: 'organizer-demo-pass' };
export const STAFF_PASSWORD = 'staff-demo-pass';
export const DONOR_PASSWORD = 'donor-demo-pass';

/** Deterministic tags and weights, so a second run recognises the animals of the first. */
const herd = (prefix, species, count, baseKg) =>
  Array.from({ length: count }, (_, i) => ({
    tag: `${prefix}-${species.slice(0, 2)}-${String(i + 1).padStart(3, '0')}`,
    weightKg: baseKg + ((i * 7) % 11),
  }));

// Shares go to animals in the order the animals were added, so each site holds only a few of each
// species and the season's shares spread over every site.
export const SITES = [
  {
    name: 'Karachi — Malir cattle market',
    region: 'Sindh, Pakistan',
    timeZone: 'Asia/Karachi',
    currency: 'PKR',
    prices: { SHEEP: 9_500_000, GOAT: 8_000_000, COW: 4_500_000 },
    latitude: 24.8935,
    longitude: 67.2051,
    animals: { SHEEP: herd('KHI', 'SHEEP', 2, 38), GOAT: herd('KHI', 'GOAT', 1, 31), COW: herd('KHI', 'COW', 1, 320) },
  },
  {
    name: 'Dhaka — Gabtoli',
    region: 'Dhaka, Bangladesh',
    timeZone: 'Asia/Dhaka',
    currency: 'BDT',
    prices: { SHEEP: 1_800_000, GOAT: 1_500_000, COW: 1_400_000 },
    windowEndLocal: '18:30',
    latitude: 23.7838,
    longitude: 90.3446,
    animals: { SHEEP: herd('DAC', 'SHEEP', 2, 34), GOAT: herd('DAC', 'GOAT', 1, 28), COW: herd('DAC', 'COW', 1, 280) },
  },
  {
    name: 'Kano — Kofar Ruwa',
    region: 'Kano, Nigeria',
    timeZone: 'Africa/Lagos',
    currency: 'NGN',
    prices: { SHEEP: 15_000_000, GOAT: 12_000_000, CAMEL: 18_000_000 },
    windowStartLocal: '08:30',
    latitude: 12.0215,
    longitude: 8.5008,
    animals: {
      SHEEP: herd('KAN', 'SHEEP', 2, 36),
      GOAT: herd('KAN', 'GOAT', 1, 30),
      CAMEL: herd('KAN', 'CAMEL', 1, 480),
    },
  },
  {
    name: 'Marrakesh — Tamansourt',
    region: 'Marrakesh-Safi, Morocco',
    timeZone: 'Africa/Casablanca',
    currency: 'MAD',
    prices: { SHEEP: 350_000, GOAT: 280_000, COW: 220_000, CAMEL: 300_000 },
    latitude: 31.7323,
    longitude: -8.1098,
    animals: {
      SHEEP: herd('RAK', 'SHEEP', 3, 42),
      GOAT: herd('RAK', 'GOAT', 2, 33),
      COW: herd('RAK', 'COW', 1, 350),
      CAMEL: herd('RAK', 'CAMEL', 1, 510),
    },
  },
];

/** `site` is the index of the site the account works at (executors). */
export const STAFF = [
  { login: 'executor.karachi@demo.qurbani', displayName: 'Bilal Siddiqui', roles: ['EXECUTOR'], site: 0 },
  { login: 'executor.dhaka@demo.qurbani', displayName: 'Rafiq Hossain', roles: ['EXECUTOR'], site: 1 },
  { login: 'executor.kano@demo.qurbani', displayName: 'Musa Abdullahi', roles: ['EXECUTOR'], site: 2 },
  { login: 'executor.marrakesh@demo.qurbani', displayName: 'Youssef Amrani', roles: ['EXECUTOR'], site: 3 },
  { login: 'reviewer.hafsa@demo.qurbani', displayName: 'Hafsa Qureshi', roles: ['REVIEWER'] },
  { login: 'reviewer.imran@demo.qurbani', displayName: 'Imran Chowdhury', roles: ['REVIEWER'] },
  { login: 'driver.tariq@demo.qurbani', displayName: 'Tariq Mahmood', roles: ['DRIVER'] },
  { login: 'driver.ibrahim@demo.qurbani', displayName: 'Ibrahim Danjuma', roles: ['DRIVER'] },
];

/** Site indexes, for the orders below: each order is for one site's animals, at that site's price. */
const KHI = 0;
const DAC = 1;
const KAN = 2;
const RAK = 3;
const order = (species, names, site, unpaid = false, donationMinor = 0) => ({
  species,
  names,
  site,
  unpaid,
  donationMinor,
});

export const DONORS = [
  {
    key: 'amina',
    login: 'amina.rahman@demo.qurbani',
    displayName: 'Amina Rahman',
    profile: {
      language: 'EN',
      contactChannels: ['EMAIL', 'PUSH'],
      phone: '+447700900123',
      email: 'amina.rahman@demo.qurbani',
      blurVideosByDefault: true,
    },
    orders: [
      order('SHEEP', ['Amina Rahman'], KHI, false, 100_000),
      order('COW', ['Abdul Rahman', 'Maryam Rahman', 'Zainab Rahman'], KHI),
    ],
  },
  {
    key: 'yusuf',
    login: 'yusuf.benali@demo.qurbani',
    displayName: 'Yusuf Benali',
    profile: { language: 'FR', contactChannels: ['SMS', 'WHATSAPP'], phone: '+33612345678', blurVideosByDefault: true },
    orders: [
      order('SHEEP', ['Yusuf Benali'], RAK),
      order('GOAT', ['Ahmed Benali'], KAN),
      order('SHEEP', ['Fatima Benali'], RAK),
    ],
  },
  {
    key: 'khadija',
    login: 'khadija.elidrissi@demo.qurbani',
    displayName: 'Khadija El Idrissi',
    profile: {
      language: 'AR',
      contactChannels: ['WHATSAPP', 'IN_APP'],
      phone: '+212612345678',
      blurVideosByDefault: false,
    },
    orders: [
      order(
        'CAMEL',
        [
          'Khadija El Idrissi',
          'Hassan El Idrissi',
          'Salma El Idrissi',
          'Mehdi El Idrissi',
          'Nour El Idrissi',
          'Ilyas El Idrissi',
          'Aicha El Idrissi',
        ],
        RAK,
      ),
      order('SHEEP', ['Hassan El Idrissi'], RAK),
    ],
  },
  {
    key: 'omar',
    login: 'omar.farooq@demo.qurbani',
    displayName: 'Omar Farooq',
    profile: {
      language: 'EN',
      contactChannels: ['EMAIL'],
      email: 'omar.farooq@demo.qurbani',
      blurVideosByDefault: true,
    },
    orders: [
      order('COW', ['Omar Farooq', 'Ayesha Farooq', 'Bilal Farooq', 'Hamza Farooq'], KHI),
      order('GOAT', ['Saad Farooq'], DAC),
      order('SHEEP', ['Omar Farooq'], DAC),
    ],
  },
  {
    key: 'fatima',
    login: 'fatimazahra.alaoui@demo.qurbani',
    displayName: 'Fatima Zahra Alaoui',
    profile: { language: 'FR', contactChannels: ['SMS'], phone: '+212661234567', blurVideosByDefault: true },
    orders: [order('SHEEP', ['Fatima Zahra Alaoui'], KAN), order('GOAT', ['Idriss Alaoui', 'Soukaina Alaoui'], RAK)],
  },
  {
    key: 'hamza',
    login: 'hamza.qureshi@demo.qurbani',
    displayName: 'Hamza Qureshi',
    profile: { language: 'EN', contactChannels: ['PUSH', 'IN_APP'], phone: '+923001234567', blurVideosByDefault: true },
    orders: [
      order('COW', ['Hamza Qureshi', 'Sana Qureshi'], DAC),
      order('SHEEP', ['Sana Qureshi'], DAC),
      order('SHEEP', ['Ibrahim Qureshi'], KAN, true),
    ],
  },
];

/** Offline payments an organizer records (card payments come from Stripe's signed events only). */
export const PAYMENT_PROVIDERS = ['bank-transfer', 'cash'];

export const FAMILIES = [
  {
    name: 'Rashida Begum',
    householdSize: 6,
    region: 'Sindh, Pakistan',
    priority: 0,
    phone: '+923331112233',
    address: 'House 14, Street 3, Malir, Karachi',
    latitude: 24.889,
    longitude: 67.199,
  },
  {
    name: 'Abdul Karim',
    householdSize: 4,
    region: 'Sindh, Pakistan',
    priority: 1,
    phone: '+923451234567',
    address: 'Block C, Landhi 4, Karachi',
    latitude: 24.845,
    longitude: 67.211,
  },
  {
    name: 'Nasima Akter',
    householdSize: 7,
    region: 'Dhaka, Bangladesh',
    priority: 0,
    phone: '+8801711223344',
    address: 'Mirpur 10, Road 5, Dhaka',
    latitude: 23.806,
    longitude: 90.368,
  },
  {
    name: 'Halima Sani',
    householdSize: 9,
    region: 'Kano, Nigeria',
    priority: 0,
    phone: '+2348031234567',
    address: 'Gwale quarter, near the market, Kano',
    latitude: 11.993,
    longitude: 8.508,
  },
  {
    name: 'Aisha Bello',
    householdSize: 3,
    region: 'Kano, Nigeria',
    priority: 2,
    phone: '+2348069876543',
    address: 'Fagge, Kano',
    latitude: 12.013,
    longitude: 8.524,
  },
  {
    name: 'Zahra Ouahbi',
    householdSize: 5,
    region: 'Marrakesh-Safi, Morocco',
    priority: 1,
    phone: '+212670112233',
    address: 'Douar Lahna, Tamansourt',
    latitude: 31.729,
    longitude: -8.113,
  },
];
