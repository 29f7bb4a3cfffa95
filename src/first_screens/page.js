// The first screens' reads and writes of their prerendered page (see page.rs for what each
// does and why it is here rather than in Rust). What to show is decided in Rust.

// Only inside the prerendered page (`body > [data-prerendered]`).
const within = (selector) => `body > [data-prerendered] ${selector}`;
export const find = (selector) => document.querySelector(within(selector));
export const findAll = (selector) => [...document.querySelectorAll(within(selector))];
export const byId = (id) => find(`#${CSS.escape(id)}`);

export function roots() {
  return [...document.querySelectorAll('body > [data-prerendered]')];
}

export function enableButtons() {
  for (const button of findAll('button[disabled]')) button.disabled = false;
}

export function listen(target, type, handler) {
  target.addEventListener(type, handler);
}

export async function swapTo(url, timeoutMs) {
  try {
    // Never a cached copy: the same address answers in each language (its `Vary` aside, a
    // revalidation may be told the other language's copy is still fresh).
    const answer = await fetch(url, { headers: { accept: 'text/html' }, cache: 'no-store', signal: AbortSignal.timeout(timeoutMs) });
    if (!answer.ok) return false;
    const page = new DOMParser().parseFromString(await answer.text(), 'text/html');
    const fresh = [...page.querySelectorAll('body > [data-prerendered]')];
    const old = roots();
    if (!fresh.length || !old.length) return false;
    // Focus stays where it was: on the same field, or the same language's button.
    const active = document.activeElement;
    const lang = active?.closest('.language-switcher') && active.getAttribute('lang');
    const focused = active?.id ? `#${CSS.escape(active.id)}` : lang ? `.language-switcher button[lang="${lang}"]` : null;
    old[0].before(...fresh.map((node) => document.adoptNode(node)));
    for (const node of old) node.remove();
    document.title = page.title;
    // Rust binds the new page in the same task, before any click can land.
    enableButtons();
    if (focused) find(focused)?.focus();
    return true;
  } catch (error) {
    console.warn('the page in the chosen language could not be loaded', error);
    return false;
  }
}

export function fieldError(input, base, id, html) {
  const field = input.closest('.field');
  let error = byId(id);
  field.classList.toggle('has-error', html != '');
  if (html == '') {
    error?.remove();
    input.removeAttribute('aria-invalid');
    if (base) input.setAttribute('aria-describedby', base);
    else input.removeAttribute('aria-describedby');
    return;
  }
  if (!error) {
    error = document.createElement('p');
    error.className = 'field-error';
    error.id = id;
    field.append(error);
  }
  error.innerHTML = html;
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', base ? `${base} ${id}` : id);
}

export function setHtml(element, html) {
  element.innerHTML = html;
}

export function setText(element, text) {
  element.textContent = text;
}

export function copyText(text) {
  return navigator.clipboard.writeText(text).then(() => true, () => false);
}
