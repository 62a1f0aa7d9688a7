import type { Lang } from '../shared/page.js';

const en = {
  title: 'Proof of sacrifice',
  login: 'E-mail or phone',
  password: 'Password',
  signIn: 'Sign in to see the proof',
  notYours: 'This sacrifice is not one of yours, or the link is wrong.',
  species: 'Animal',
  site: 'Place',
  performedAt: 'Sacrificed at (local time)',
  status: 'Status',
  names: 'Offered for',
  notPerformed: 'Not yet performed',
  videoWaiting: 'The proof video is not ready yet; come back later.',
};

const ar: typeof en = {
  title: 'إثبات الأضحية',
  login: 'البريد الإلكتروني أو الهاتف',
  password: 'كلمة المرور',
  signIn: 'سجّل الدخول لرؤية الإثبات',
  notYours: 'هذه الأضحية ليست من أضاحيك، أو الرابط غير صحيح.',
  species: 'الحيوان',
  site: 'المكان',
  performedAt: 'وقت الذبح (بالتوقيت المحلي)',
  status: 'الحالة',
  names: 'عن',
  notPerformed: 'لم تُذبح بعد',
  videoWaiting: 'فيديو الإثبات غير جاهز بعد؛ عُد لاحقًا.',
};

export const WORDS: Record<Lang, typeof en> = { en, ar };
