export function savePrerendered() {
  const roots = [...document.querySelectorAll('[data-prerendered]')];
  const fields = [];
  for (const root of roots) {
    for (const el of root.querySelectorAll('input[id], select[id], textarea[id]')) {
      const ticks = el.type == 'checkbox' || el.type == 'radio';
      if (ticks ? el.checked != el.defaultChecked : el.value != el.defaultValue) {
        fields.push({ id: el.id, ticks, value: el.value, checked: el.checked });
      }
    }
  }
  const active = document.activeElement;
  const focus = active && roots.some((root) => root.contains(active)) && active.id
    ? { id: active.id, start: active.selectionStart, end: active.selectionEnd } : null;
  return { roots, fields, focus };
}
export const wasPrerendered = (saved) => saved.roots.length > 0;
export function takeOver({ roots, fields, focus }) {
  for (const root of roots) root.remove();
  for (const field of fields) {
    const el = document.getElementById(field.id);
    if (!el) continue;
    if (field.ticks) {
      if (el.checked != field.checked) el.click();
    } else {
      el.value = field.value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    }
  }
  const el = focus && document.getElementById(focus.id);
  if (el) {
    el.focus();
    try { el.setSelectionRange(focus.start, focus.end); } catch {}
  }
}
