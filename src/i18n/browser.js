const safely = (f) => { try { return f(); } catch { return undefined; } };
export const formatMoney = (locale, amount, currency) =>
  safely(() => new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount));
export const formatNumber = (locale, value) =>
  safely(() => new Intl.NumberFormat(locale).format(value));
export function formatDate(locale, iso) {
  const date = new Date(iso);
  const parts = isNaN(date) ? [] : safely(() => new Intl.DateTimeFormat(locale,
    { day: 'numeric', month: 'long', year: 'numeric' }).formatToParts(date)) || [];
  const [d, m, y] = ['day', 'month', 'year'].map((t) => parts.find((p) => p.type == t)?.value);
  return d && m && y ? `${d} ${m} ${y}` : undefined;
}
export async function fetchTexts(path, timeoutMs) {
  try {
    const response = await fetch(path, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new Error(`status ${response.status}`);
    return Object.entries(await response.json()).filter(([, t]) => typeof t == 'string').flat();
  } catch (error) {
    console.warn(`${path} could not be loaded; the page stays in its language.`, error);
  }
}
export const strings = (list) => list;
export const storedItem = (key) => safely(() => localStorage.getItem(key));
export const storeItem = (key, value) => safely(() => localStorage.setItem(key, value));
export const languages = () => [...(navigator.languages || [])];
export function setDocumentLang(lang) {
  document.documentElement.setAttribute('lang', lang);
  document.cookie = `wink_lang=${lang}; Path=/; Max-Age=31536000; SameSite=Lax${location.protocol == 'https:' ? '; Secure' : ''}`;
}
