// Form helpers shared by the editing pages: labelled inputs whose `name` is the field the server reports
// errors for ("baseline", "title.ar", "milestones[2].end" …), and the display of a ProblemDetails' field
// errors next to those fields (or in the form's summary when no field matches).
import { h, replaceChildren } from './dom.js';
import { t } from './i18n.js';
import { fieldErrors, isStale } from './resource.js';
import { describeError } from './shell.js';

let sequence = 0;

/** A unique, valid element id derived from a field name. */
export function fieldId(name) {
  sequence += 1;
  return `f-${String(name).replace(/[^A-Za-z0-9_-]/g, '-')}-${sequence}`;
}

/** The slot where errors for `name` are shown. */
export function errorSlot(name) {
  return h('span', { class: 'field-error', dataset: { errorFor: name }, role: 'alert', hidden: true });
}

/** A text that follows the language: { key } is translated (and re-translated on a switch), a string is shown as is. */
export function text(key, fallback) {
  return key ? h('span', { 'data-i18n': key }, t(key)) : fallback;
}

/**
 * A labelled input: { name, key (i18n key of the label) or label, value, type ('text' | 'date' | 'number' |
 * 'email' | 'textarea' | 'select'), options ([{ value, label }] for selects), hintKey or hint, required,
 * disabled, dir, rows, attrs }.
 */
export function field({ name, key, label, value = '', type = 'text', options = [], hintKey, hint, required, disabled, dir, rows, attrs = {}, lang }) {
  const id = fieldId(name);
  const hintId = hint || hintKey ? `${id}-hint` : null;
  const common = {
    id, name, required: Boolean(required), disabled: Boolean(disabled), dir, lang,
    'aria-describedby': hintId, ...attrs,
  };
  let control;
  if (type === 'textarea') {
    control = h('textarea', { rows: rows ?? 3, ...common });
    control.value = value ?? '';
  } else if (type === 'select') {
    control = h('select', common, options.map(o => h('option', { value: o.value }, o.label)));
    control.value = value ?? '';
  } else {
    control = h('input', { type, ...common });
    control.value = value ?? '';
  }
  return h('div', { class: 'field', dataset: { field: name } },
    h('label', { for: id }, text(key, label), required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null),
    control,
    hintId ? h('span', { class: 'hint', id: hintId }, text(hintKey, hint)) : null,
    errorSlot(name));
}

/** A checkbox with its label ({ key } or { label }). */
export function checkbox({ name, key, label, checked, disabled, value, attrs = {} }) {
  const id = fieldId(name);
  const input = h('input', { type: 'checkbox', id, name, value, disabled: Boolean(disabled), ...attrs });
  input.checked = Boolean(checked);
  return h('div', { class: 'check' }, input, h('label', { for: id }, text(key, label)));
}

/** The three language versions of a LocalizedText, each in its own direction. */
export function localizedFields({ name, key, label, value, required = true, type = 'text', disabled }) {
  const names = { ar: 'العربية', fr: 'Français', en: 'English' };
  return h('fieldset', { class: 'fieldset localized', dataset: { field: name } },
    h('legend', {}, text(key, label)),
    ['ar', 'fr', 'en'].map(lang => field({
      name: `${name}.${lang}`,
      label: names[lang],
      value: value?.[lang] ?? '',
      type,
      required,
      disabled,
      dir: lang === 'ar' ? 'rtl' : 'ltr',
      lang,
    })),
    errorSlot(name));
}

/** Lines of a textarea as a list (blank lines dropped, spaces trimmed). */
export function lines(text) {
  return String(text ?? '').split(/\r?\n/).map(s => s.trim()).filter(Boolean);
}

/** Reads a form control by name inside a root element. */
export function valueOf(root, name) {
  const element = root.querySelector(`[name="${CSS.escape(name)}"]`);
  if (!element) return undefined;
  if (element.type === 'checkbox') return element.checked;
  return element.value;
}

/** Removes every field error shown in the form. */
export function clearFieldErrors(root, summary) {
  for (const slot of root.querySelectorAll('[data-error-for]')) {
    slot.hidden = true;
    slot.textContent = '';
  }
  for (const input of root.querySelectorAll('[aria-invalid="true"]')) input.removeAttribute('aria-invalid');
  if (summary) {
    summary.hidden = true;
    replaceChildren(summary);
  }
}

/** "milestones[2].end" → "milestones[2]" → "milestones"; null at the top. */
function parentKey(key) {
  const match = /^(.*)(\.[^.[\]]+|\[\d+\])$/.exec(key);
  return match ? match[1] : null;
}

function slotFor(root, key) {
  for (let k = key; k; k = parentKey(k)) {
    const slot = root.querySelector(`[data-error-for="${CSS.escape(k)}"]`);
    if (slot) return slot;
  }
  return null;
}

/**
 * Shows the field errors of a ProblemDetails next to their fields; what matches no field goes in `summary`
 * (an alert element) with the field name. The first invalid field gets the focus. Returns how many were placed.
 */
export function showFieldErrors(root, errors, summary, { title } = {}) {
  clearFieldErrors(root, summary);
  const unplaced = [];
  let first = null;
  for (const [key, messages] of Object.entries(errors ?? {})) {
    const text = (Array.isArray(messages) ? messages : [messages]).join(' ');
    const input = root.querySelector(`[name="${CSS.escape(key)}"]`);
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      first ??= input;
    }
    const slot = slotFor(root, key);
    if (slot) {
      const prefix = slot.dataset.errorFor === key ? '' : `${key}: `;
      slot.textContent = slot.textContent ? `${slot.textContent} ${prefix}${text}` : `${prefix}${text}`;
      slot.hidden = false;
      first ??= slot.closest('.field, fieldset, tr') ?? slot;
    } else {
      unplaced.push([key, text]);
    }
  }
  if (summary) {
    replaceChildren(summary,
      h('strong', {}, title ?? t('forms.fixErrors')),
      unplaced.length ? h('ul', {}, unplaced.map(([key, text]) => h('li', {}, h('code', {}, key), ' ', h('span', { dir: 'auto' }, text)))) : null);
    summary.hidden = false;
  }
  if (first && typeof first.focus === 'function') {
    if (!first.hasAttribute('tabindex') && !/^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(first.tagName)) first.setAttribute('tabindex', '-1');
    first.focus({ preventScroll: false });
  }
  return Object.keys(errors ?? {}).length - unplaced.length;
}

/** A status line (role=status) to say that something was saved. */
export function statusLine(id) {
  return h('p', { class: 'form-status', id, role: 'status', 'aria-live': 'polite' });
}

/**
 * A list editor: items are drawn by `draw(item, prefix)` (inputs named `${prefix}.x`) and read back by
 * `read(node, prefix)`. Adding or removing redraws the list so that the names keep their indexes.
 */
export function repeater({ name, items, draw, read, blank, addKey, removeKey, itemClass }) {
  const container = h('div', { class: 'repeater', dataset: { repeater: name } });
  let current = items.map(x => x);

  function readAll() {
    return [...container.querySelectorAll(':scope > .repeater-items > .repeater-item')].map((node, i) => read(node, `${name}[${i}]`));
  }

  function redraw() {
    const list = h('div', { class: 'repeater-items' }, current.map((item, i) => {
      const prefix = `${name}[${i}]`;
      const remove = h('button', { type: 'button', class: 'btn small danger-outline', dataset: { action: 'remove' } }, text(removeKey));
      remove.addEventListener('click', () => {
        current = readAll();
        current.splice(i, 1);
        redraw();
      });
      return h('div', { class: `repeater-item ${itemClass ?? ''}`.trim(), dataset: { index: i } },
        draw(item, prefix, i),
        errorSlot(prefix),
        h('div', { class: 'repeater-actions' }, remove));
    }));
    const add = h('button', { type: 'button', class: 'btn small secondary', dataset: { action: 'add' } }, text(addKey));
    add.addEventListener('click', () => {
      current = readAll();
      current.push(blank(current));
      redraw();
      const last = container.querySelector(':scope > .repeater-items > .repeater-item:last-child input, :scope > .repeater-items > .repeater-item:last-child textarea');
      last?.focus();
    });
    replaceChildren(container, list, errorSlot(name), add);
  }
  redraw();
  return { node: container, read: readAll };
}

/**
 * Shows why a save failed: 412 "changed meanwhile" with a reload button, field errors next to their fields,
 * anything else (403, 409 …) as the translated message with the server's detail.
 */
export function showSaveError(form, summary, error, onReload = () => window.location.reload()) {
  if (isStale(error)) {
    const reload = h('button', { type: 'button', class: 'btn small', dataset: { action: 'reload' } }, text('forms.reload'));
    reload.addEventListener('click', () => onReload());
    replaceChildren(summary, h('strong', {}, text('forms.stale')), ' ', reload);
    summary.hidden = false;
    return;
  }
  const errors = fieldErrors(error);
  if (Object.keys(errors).length) {
    showFieldErrors(form, errors, summary);
    return;
  }
  const { message, detail } = describeError(error);
  replaceChildren(summary, h('strong', {}, message), detail ? h('span', { class: 'detail', dir: 'auto' }, detail) : null);
  summary.hidden = false;
}

/**
 * Wires a form's submit: clears the errors, runs `save()` with the submit button disabled, says `savedKey`
 * in the status line on success, shows the errors otherwise.
 */
export function onSubmit(form, { summary, status, save, savedKey, onReload }) {
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearFieldErrors(form, summary);
    if (status) status.textContent = '';
    const buttons = [...form.querySelectorAll('button[type="submit"]')];
    for (const b of buttons) b.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      const result = await save();
      if (result !== false && status && savedKey) status.textContent = t(savedKey);
    } catch (error) {
      console.warn('Save:', error);
      showSaveError(form, summary, error, onReload);
    } finally {
      for (const b of buttons) b.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });
}
