// The language choice: kept on this phone, and on the account when logged in.
import { locale, setLocale, t } from './i18n.js';
import { h } from './ui.js';

const LANGUAGES = [['nl', 'Nederlands'], ['en', 'English']];
// A choice made on the login page, for the account once logged in (pages/login.js).
export const LOCALE_CHOSEN = 'stagewijs.localeChosen';

export function languageSwitch(saveOnAccount) {
  return h('div', { class: 'chips', role: 'group', 'aria-label': t('account.language') },
    LANGUAGES.map(([code, name]) => h('button', {
      type: 'button', class: 'chip', lang: code, 'aria-pressed': String(locale() === code),
      onclick: async () => {
        await setLocale(code);
        if (!saveOnAccount) localStorage.setItem(LOCALE_CHOSEN, code);
        else {
          const { setServerLocale } = await import('./actions.js');
          await setServerLocale(code);
        }
        location.reload();
      },
    }, name)));
}
