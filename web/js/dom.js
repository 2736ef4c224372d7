// Small DOM builders. Text always goes in as text nodes or textContent, never
// as HTML, so whatever an event carries is shown as the characters it holds.

const SVG_NS = 'http://www.w3.org/2000/svg';

function applyProperties(node, properties) {
  for (const [name, value] of Object.entries(properties)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = String(value);
    else if (name === 'class') node.setAttribute('class', value);
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
}

/** Creates an HTML element; string children become text nodes. */
export function el(tag, properties = {}, ...children) {
  const node = document.createElement(tag);
  applyProperties(node, properties);
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

/** Creates an SVG element. */
export function svg(tag, properties = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  applyProperties(node, properties);
  node.append(...children);
  return node;
}

/** Restarts a CSS animation class on a node, even if it is still running. */
export function replayAnimation(node, className) {
  node.classList.remove(className);
  void node.offsetWidth; // forces a style flush so the animation starts over
  node.classList.add(className);
}

/** Inserts node among parent's children, which are kept in the order of keyOf(child). */
export function insertSorted(parent, node, keyOf) {
  const key = keyOf(node);
  const next = [...parent.children].find((child) => keyOf(child) > key);
  parent.insertBefore(node, next ?? null);
}
