// Building DOM without innerHTML: every text, from the API or from a user, goes in as a text node.

/**
 * h('a', { href: '/x', class: 'btn', dataset: { id: 1 } }, 'text', otherNode)
 * Attributes are set with setAttribute (no on* handlers as strings); children are nodes or text.
 * `on: { click: fn }` adds event listeners.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value == null || value === false) continue;
    if (name === 'dataset') {
      for (const [key, data] of Object.entries(value)) {
        if (data != null) element.dataset[key] = String(data);
      }
    } else if (name === 'on') {
      for (const [event, handler] of Object.entries(value)) element.addEventListener(event, handler);
    } else if (name === 'text') {
      element.textContent = String(value);
    } else if (name.startsWith('on')) {
      throw new Error(`h(): use { on: { ${name.slice(2)}: fn } } instead of ${name}`);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children) {
    if (child == null || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

/** Replaces the content of an element with the given children. */
export function replaceChildren(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

export function byId(id) {
  return document.getElementById(id);
}

/** Shows a message in an element (role=alert regions read it out). */
export function showMessage(element, ...children) {
  replaceChildren(element, ...children);
  element.hidden = false;
}

export function hide(element) {
  if (element) element.hidden = true;
}
